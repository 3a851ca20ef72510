/// (Internal.) Reading a parsed document: its tokens, strings, numbers and members. One implementation for the
/// owning `JSONDocument` and for `JSONView`, the borrowed form field readers hold (no reference counting).
protocol JSONReading {
    /// The document's memory.
    var storage: UnsafePointer<JSONStorage> { get }
}

extension JSONReading {
    /// The input bytes.
    @inline(__always)
    var bytes: UnsafeBufferPointer<UInt8> { storage.pointee.bytes }
    /// The tape; token 0 is the root.
    @inline(__always)
    var tokens: JSONDocument.Tape { storage.pointee.tokens }
    /// The member index, nil when lookups walk the objects (see `JSONDocument+MemberIndex.swift`).
    @inline(__always)
    var memberIndex: JSONDocument.MemberIndex? { storage.pointee.memberIndex }

    @inline(__always)
    func kind(_ index: Int) -> JSONDocument.Token.Kind { tokens[index].kind }

    /// The JSON type name of a token ("a string", "an object", …).
    func typeDescription(_ index: Int) -> String {
        switch tokens[index].kind {
        case .null: return "null"
        case .falseValue, .trueValue: return "a boolean"
        case .number: return "a number"
        case .string, .escapedString: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Calls `body` with the raw bytes of a scalar token (string contents without quotes, undecoded).
    @inline(__always)
    func withRawBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let token = tokens[index]
        return body(UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]))
    }

    /// The decoded string of a string token.
    func string(_ index: Int) -> String {
        let token = tokens[index]
        if token.kind == .string {
            return withRawBytes(index) { String(decoding: $0, as: UTF8.self) }
        }
        // Decoding never lengthens a validated string (an escape of 2, 6 or 12 bytes becomes 1 to 4), so the
        // string is written in place.
        return withRawBytes(index) { raw in
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

    /// Whether the member name token `index` is `name` (whose signature is `signature`): one comparison rejects
    /// most other names; an escaped name is decoded first. `haystack` and `tape` are ``bytes`` and ``tokens``,
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
    func member(_ object: Int, _ key: String) -> Int? {
        key.withUTF8Bytes { member(object, named: $0) }
    }

    /// The element token indexes of an array token (no allocation).
    func elements(_ array: Int) -> JSONDocument.Elements {
        JSONDocument.Elements(tokens: tokens, current: array + 1, end: Int(tokens[array].next))
    }

    /// An empty element sequence (an absent array).
    var noElements: JSONDocument.Elements { JSONDocument.Elements(tokens: tokens, current: 0, end: 0) }

    /// The path of `target`, a token inside `root` (which is called `rootPath`): `data.sentencePlan.objectives[0]`.
    func path(to target: Int, from root: Int, named rootPath: String) -> String {
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
    func members(_ object: Int) -> [(key: Int, value: Int)] {
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
    func number(_ index: Int) -> JSONNumber {
        JSONNumber(lexeme: withRawBytes(index) { String(decoding: $0, as: UTF8.self) })
    }

    /// The integer value of a number token (integral and within `Int`), or nil.
    func integer(_ index: Int) -> Int? {
        let plain = withRawBytes(index, JSONNumber.plainInteger)
        return plain ?? number(index).integerValue
    }

    /// The token as a `JSONValue` tree.
    func value(_ index: Int = 0) -> JSONValue {
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

    /// ``member(_:named:)`` for a document without an index (an escaped name somewhere): a walk over the members.
    @inline(never)
    func walkMembers(_ object: Int, _ needle: UnsafeBufferPointer<UInt8>, signature: Int32) -> Int? {
        guard tokens[object].kind == .object else { return nil }
        let tape = UnsafeBufferPointer(start: tokens.base, count: tokens.count)
        var found: Int?
        var i = object + 1
        let end = Int(tape[object].next)
        while i < end {
            if nameEquals(i, needle, signature: signature, in: bytes, tape: tape) { found = i + 1 }
            i = Int(tape[i + 1].next)
        }
        return found
    }

    /// The value token of the last member named by the UTF-8 bytes `needle` of an object token; nil when there is
    /// none or the token is not an object. Inline, as it runs for every field a decoder reads.
    @inline(__always)
    func member(_ object: Int, named needle: UnsafeBufferPointer<UInt8>) -> Int? {
        let signature = JSONDocument.signature(of: needle)
        let document = storage.pointee
        let tape = UnsafeBufferPointer(start: document.tokens.base, count: document.tokens.count)
        guard let index = document.memberIndex else { return walkMembers(object, needle, signature: signature) }
        // Slots name tokens of this tape, so reading them needs no range check.
        let home = index.firstSlot(object, signature)
        var slot = home
        while case let candidate = index.slots[slot], candidate.name != 0 {
            if Int(candidate.object) == object {
                let name = tape[Int(candidate.name)]
                if name.next == signature && Int(name.end &- name.start) == needle.count
                    && JSONDocument.equal(document.bytes.baseAddress! + Int(name.start), needle.baseAddress, needle.count)
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
