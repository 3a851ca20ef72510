/// Reading a parsed document: its tokens, strings, numbers and members, by token index.
///
/// The hot reads (a token's kind, a member by a literal name, a token's bytes, array elements) are inlinable, so
/// decoders in other modules run them inline.
extension JSONDocument {
    /// The kind of a token.
    @inlinable @inline(__always)
    public func kind(_ index: Int) -> Token.Kind { tokens[index].kind }

    /// The JSON type name of a token ("a string", "an object", …).
    public func typeDescription(_ index: Int) -> String {
        switch tokens[index].kind {
        case .null: return "null"
        case .falseValue, .trueValue: return "a boolean"
        case .number: return "a number"
        case .string, .escapedString: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Calls `body` with the raw bytes of a scalar token (string contents without quotes, undecoded), lent for
    /// the call.
    @inlinable @inline(__always)
    public func withRawBytes<R>(_ index: Int, _ body: (Span<UInt8>) -> R) -> R {
        let token = tokens[index]
        return body(inputSpan.extracting(Int(token.start)..<Int(token.end)))
    }

    /// The raw bytes of a scalar token (string contents without quotes, undecoded), sharing the input's storage.
    public func rawBytes(_ index: Int) -> ArraySlice<UInt8> {
        let token = tokens[index]
        return input[Int(token.start)..<Int(token.end)]
    }

    /// ``withRawBytes(_:_:)`` as a buffer, for this module's own loops.
    @inlinable @inline(__always)
    func withRawBuffer<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let token = tokens[index]
        return input.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(token.start)..<Int(token.end)])) }
    }

    /// The decoded string of a string token.
    public func string(_ index: Int) -> String {
        let token = tokens[index]
        if token.kind == .string {
            return withRawBuffer(index) { String(decoding: $0, as: UTF8.self) }
        }
        // Decoding never lengthens a validated string (an escape of 2, 6 or 12 bytes becomes 1 to 4), so the
        // string is written in place.
        return withRawBuffer(index) { raw in
            String(unsafeUninitializedCapacity: raw.count) { out in
                var i = 0
                var n = 0
                while i < raw.count {
                    let byte = raw[i]
                    guard byte == UInt8(ascii: "\\") else { out[n] = byte; n += 1; i += 1; continue }
                    let escape = raw[i + 1]
                    i += 2
                    switch escape {
                    case UInt8(ascii: "b"): out[n] = 0x08; n += 1
                    case UInt8(ascii: "f"): out[n] = 0x0C; n += 1
                    case UInt8(ascii: "n"): out[n] = 0x0A; n += 1
                    case UInt8(ascii: "r"): out[n] = 0x0D; n += 1
                    case UInt8(ascii: "t"): out[n] = 0x09; n += 1
                    case UInt8(ascii: "u"):
                        var scalar = JSONDocument.hex4(raw, i)
                        i += 4
                        if scalar >= 0xD800 && scalar <= 0xDBFF {
                            let low = JSONDocument.hex4(raw, i + 2)
                            i += 6
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        for unit in UTF8.encode(Unicode.Scalar(scalar)!)! { out[n] = unit; n += 1 }
                    default: out[n] = escape; n += 1  // \" \\ \/
                    }
                }
                return n
            }
        }
    }

    /// The strings of the string tokens `first` and `second` joined by `separator`, in one allocation when neither
    /// has escapes (the usual case: their bytes are copied from the input), else decoded and joined.
    public func string(_ first: Int, joinedBy separator: UInt8, _ second: Int) -> String {
        let a = tokens[first], b = tokens[second]
        guard a.kind == .string && b.kind == .string else {
            return string(first) + String(decoding: CollectionOfOne(separator), as: UTF8.self) + string(second)
        }
        let firstLength = Int(a.end - a.start), secondLength = Int(b.end - b.start)
        return input.withUnsafeBufferPointer { bytes in
            String(unsafeUninitializedCapacity: firstLength + 1 + secondLength) { out in
                _ = out.initialize(from: bytes[Int(a.start)..<Int(a.end)])
                out[firstLength] = separator
                _ = UnsafeMutableBufferPointer(rebasing: out[(firstLength + 1)...]).initialize(from: bytes[Int(b.start)..<Int(b.end)])
                return firstLength + 1 + secondLength
            }
        }
    }

    /// Whether the member name token `index` is `name` (whose signature is `signature`): one comparison rejects
    /// most other names; an escaped name is decoded first. `haystack` and `tape` are the input and ``tokens``,
    /// borrowed by the caller.
    @inline(__always)
    func nameEquals(
        _ index: Int, _ name: UnsafeBufferPointer<UInt8>, signature: Int32,
        in haystack: UnsafeBufferPointer<UInt8>, tape: UnsafeBufferPointer<JSONDocument.Token>
    ) -> Bool {
        let token = tape[index]
        if token.kind == .escapedString { return string(index).utf8.elementsEqual(name) }
        return token.next == signature && Int(token.end - token.start) == name.count
            && JSONDocument.equal(haystack.baseAddress! + Int(token.start), name.baseAddress, name.count)
    }

    /// The value token of the last member called `key` of an object token, or nil.
    public func member(_ object: Int, _ key: String) -> Int? {
        key.withUTF8Bytes { member(object, utf8: $0) }
    }

    /// The value token of the last member called `key` of an object token; nil when there is none or the token
    /// is not an object. Inline, as it runs for every field a decoder reads.
    @inlinable @inline(__always)
    public func member(_ object: Int, named key: StaticString) -> Int? {
        key.withUTF8Buffer { member(object, utf8: $0) }
    }

    /// The element token indexes of an array token (no allocation).
    @inlinable
    public func elements(_ array: Int) -> Elements {
        Elements(document: self, current: array + 1, end: Int(tokens[array].next))
    }

    /// An empty element sequence (an absent array).
    @inlinable
    public var noElements: Elements { Elements(document: self, current: 0, end: 0) }

    /// The path of `target`, a token inside `root` (which is called `rootPath`): `data.sentencePlan.objectives[0]`.
    public func path(to target: Int, from root: Int, named rootPath: String) -> String {
        var path = rootPath
        var current = root
        descent: while current != target {
            switch kind(current) {
            case .object:
                for (key, value) in members(current) where value <= target && target < Int(tokens[value].next) {
                    path += (path.isEmpty ? "" : ".") + string(key)
                    current = value
                    continue descent
                }
            case .array:
                for (position, element) in elements(current).enumerated() where element <= target && target < Int(tokens[element].next) {
                    path += "[" + String(position) + "]"
                    current = element
                    continue descent
                }
            default: break
            }
            break
        }
        return path
    }

    /// The (key token, value token) pairs of an object token in document order.
    public func members(_ object: Int) -> [(key: Int, value: Int)] {
        var result: [(key: Int, value: Int)] = []
        var i = object + 1
        let end = Int(tokens[object].next)
        while i < end {
            result.append((i, i + 1))
            i = Int(tokens[i + 1].next)
        }
        return result
    }

    /// The number lexeme of a number token.
    public func number(_ index: Int) -> JSONNumber {
        JSONNumber(lexeme: withRawBuffer(index) { String(decoding: $0, as: UTF8.self) })
    }

    /// The integer value of a number token (integral and within `Int`), or nil.
    @inlinable
    public func integer(_ index: Int) -> Int? {
        let plain = withRawBuffer(index, JSONNumber.plainInteger)
        return plain ?? number(index).integerValue
    }

    /// The token as a `JSONValue` tree.
    public func value(_ index: Int = 0) -> JSONValue {
        switch tokens[index].kind {
        case .null: return .null
        case .falseValue: return .bool(false)
        case .trueValue: return .bool(true)
        case .number: return .number(number(index))
        case .string, .escapedString: return .string(string(index))
        case .array: return .array(elements(index).map { value($0) })
        case .object: return .object(JSONObject(members: members(index).map { JSONMember(key: string($0.key), value: value($0.value)) }))
        }
    }

    /// ``member(_:utf8:)`` for a document without an index (an escaped name somewhere): a walk over the members.
    @usableFromInline @inline(never)
    func walkMembers(_ object: Int, _ needle: UnsafeBufferPointer<UInt8>, signature: Int32) -> Int? {
        guard tokens[object].kind == .object else { return nil }
        return input.withUnsafeBufferPointer { haystack in
            tokens.withUnsafeBufferPointer { tape in
                var found: Int?
                var i = object + 1
                let end = Int(tape[object].next)
                while i < end {
                    if nameEquals(i, needle, signature: signature, in: haystack, tape: tape) { found = i + 1 }
                    i = Int(tape[i + 1].next)
                }
                return found
            }
        }
    }

    /// The value token of the last member named by the UTF-8 bytes `needle` of an object token; nil when there is
    /// none or the token is not an object.
    @inlinable @inline(__always)
    func member(_ object: Int, utf8 needle: UnsafeBufferPointer<UInt8>) -> Int? {
        let signature = JSONDocument.signature(of: needle)
        guard let index = memberIndex else { return walkMembers(object, needle, signature: signature) }
        return input.withUnsafeBufferPointer { haystack in
            tokens.withUnsafeBufferPointer { tape in
                JSONDocument.probe(index, object, needle, signature: signature, in: haystack, tape: tape)
            }
        }
    }

    /// The member index's answer for `needle` (whose signature is `signature`) in `object`: the value token of
    /// the name, or nil. `haystack` and `tape` are the input and the tokens.
    @inlinable @inline(__always)
    static func probe(
        _ index: MemberIndex, _ object: Int, _ needle: UnsafeBufferPointer<UInt8>, signature: Int32,
        in haystack: UnsafeBufferPointer<UInt8>, tape: UnsafeBufferPointer<Token>
    ) -> Int? {
        // Slots name tokens of this tape, so reading them needs no range check.
        let home = index.firstSlot(object, signature)
        var slot = home
        while case let candidate = index.slots[slot], candidate.name != 0 {
            if Int(candidate.object) == object {
                let name = tape[Int(candidate.name)]
                if name.next == signature && Int(name.end &- name.start) == needle.count
                    && JSONDocument.equal(haystack.baseAddress! + Int(name.start), needle.baseAddress, needle.count)
                {
                    return Int(candidate.name) + 1
                }
            }
            slot = (slot &+ 1) & index.mask
            // Every name lies within `maximumReach` of its home slot.
            if (slot &- home) & index.mask > JSONDocument.MemberIndex.maximumReach { break }
        }
        return nil
    }
}
