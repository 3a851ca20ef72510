/// (Internal.) A parsed JSON document as a flat token tape over the original bytes: one array for the
/// structure, strings and numbers left in place until asked for. Lookups never build Strings for keys.
///
/// Grammar, UTF-8 validation and the depth limit are those of RFC 8259 as `JSONParser` states them.
final class JSONDocument: @unchecked Sendable {  // immutable once parsed; its memory is freed only in `deinit`
    /// One token. Containers know where they end (`next`), so siblings can be skipped.
    struct Token: Sendable, Equatable {
        enum Kind: UInt8, Sendable { case null, falseValue, trueValue, number, string, escapedString, array, object }
        var kind: Kind
        /// Byte range of a scalar's text (strings: between the quotes).
        var start: Int32
        var end: Int32
        /// Containers: the index of the token after the container. Scalars: index + 1. Member names: their
        /// `signature`, so a lookup rejects most other names with one comparison.
        var next: Int32
    }

    /// The input bytes.
    let bytes: [UInt8]
    /// The tape; token 0 is the root. Memory the document owns, written only while parsing.
    let tokens: Tape
    /// The document's member names, hashed by object and name (see `JSONDocument+MemberIndex.swift`); nil when
    /// lookups walk the objects instead.
    let memberIndex: MemberIndex?

    /// Parses a complete document.
    init(_ bytes: [UInt8]) throws(JSONParseError) {
        self.bytes = bytes
        // Token offsets are 32-bit.
        guard bytes.count < Int(Int32.max) else { throw JSONParseError(offset: 0, reason: "document larger than 2 GiB") }
        // Every token starts at a byte of its own, so a tape of `count + 1` always suffices and is written in place
        // without growing. (Half that holds any valid document, but an unterminated one such as `[[[[1` has a
        // token per byte, and its error must be its own, not a full tape.) Events have far fewer tokens (about
        // one per ten bytes): a tape of an eighth is tried first, so the usual allocation is a few kilobytes
        // rather than sixteen times the input, and a document dense enough to fill it is parsed again.
        var capacity = bytes.count / 8 + 16
        var tape = UnsafeMutablePointer<Token>.allocate(capacity: capacity)
        var outcome = bytes.withUnsafeBufferPointer { JSONTapeParser.parse($0, into: .init(start: tape, count: capacity)) }
        if outcome.overflowed {
            tape.deallocate()
            capacity = bytes.count + 1
            tape = .allocate(capacity: capacity)
            outcome = bytes.withUnsafeBufferPointer { JSONTapeParser.parse($0, into: .init(start: tape, count: capacity)) }
        }
        if let failure = outcome.failure {
            tape.deallocate()
            throw failure
        }
        let tokens = Tape(base: tape, count: outcome.count)
        self.tokens = tokens
        // An empty input never parses, so `bytes` has a base address here.
        memberIndex = bytes.withUnsafeBufferPointer { MemberIndex(tokens, bytes: $0.baseAddress!) }
    }

    deinit {
        tokens.base.deallocate()
        memberIndex?.deallocate()
    }

    /// One parse into a new array of `capacity` tokens: the tape, or the failure and whether it was running out
    /// of tape (for tests, which compare tapes).
    static func parse(_ bytes: [UInt8], capacity: Int) -> (tokens: [Token], failure: JSONParseError?, overflowed: Bool) {
        var outcome = JSONTapeParser.Outcome(count: 0, failure: nil, overflowed: false)
        let tokens = [Token](unsafeUninitializedCapacity: capacity) { tape, initialized in
            outcome = bytes.withUnsafeBufferPointer { JSONTapeParser.parse($0, into: tape) }
            initialized = outcome.count
        }
        return (tokens, outcome.failure, outcome.overflowed)
    }

    /// The root token index.
    static let root = 0

    @inline(__always)
    func kind(_ index: Int) -> Token.Kind { tokens[index].kind }

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
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(token.start)..<Int(token.end)])) }
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

    static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        var value: UInt32 = 0
        for byte in raw[at..<(at + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: digit = byte - UInt8(ascii: "A") + 10
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// A member name's length and three of its bytes (first, middle, last), packed.
    @inline(__always)
    static func signature(_ base: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        guard length > 0 else { return 0 }
        let packed = UInt32(truncatingIfNeeded: length) & 0xFF | UInt32(base[0]) << 8 | UInt32(base[length - 1]) << 16
            | UInt32(base[length / 2]) << 24
        return Int32(bitPattern: packed)
    }

    /// The signature of a member name (0 for the empty name).
    @inline(__always)
    static func signature(of name: UnsafeBufferPointer<UInt8>) -> Int32 {
        name.isEmpty ? 0 : signature(name.baseAddress!, name.count)
    }

    /// Whether the member name token `index` is `name` (whose signature is `signature`): one comparison rejects
    /// most other names; an escaped name is decoded first. `haystack` and `tape` are ``bytes`` and ``tokens``,
    /// borrowed by the caller.
    @inline(__always)
    func nameEquals(_ index: Int, _ name: UnsafeBufferPointer<UInt8>, signature: Int32,
                    in haystack: UnsafeBufferPointer<UInt8>, tape: UnsafeBufferPointer<Token>) -> Bool {
        let token = tape[index]
        if token.kind == .escapedString { return string(index).utf8.elementsEqual(name) }
        return token.next == signature && Int(token.end - token.start) == name.count
            && JSONDocument.equal(haystack.baseAddress! + Int(token.start), name.baseAddress, name.count)
    }

    /// The value token of the last member called `key` of an object token, or nil.
    func member(_ object: Int, _ key: String) -> Int? {
        key.withUTF8Bytes { member(object, named: $0) }
    }

    /// The element token indexes of an array token, in order.
    struct Elements: Sequence, IteratorProtocol {
        /// Kept so the tape outlives the sequence.
        fileprivate let document: JSONDocument
        fileprivate var current: Int
        fileprivate let end: Int

        mutating func next() -> Int? {
            guard current < end else { return nil }
            defer { current = Int(document.tokens[current].next) }
            return current
        }

        /// The number of elements left (one hop per element on the tape), so a decoder can reserve its array.
        var count: Int {
            var n = 0
            var i = current
            while i < end {
                n += 1
                i = Int(document.tokens[i].next)
            }
            return n
        }
    }

    /// The element token indexes of an array token (no allocation).
    func elements(_ array: Int) -> Elements {
        Elements(document: self, current: array + 1, end: Int(tokens[array].next))
    }

    /// An empty element sequence (an absent array).
    var noElements: Elements { Elements(document: self, current: 0, end: 0) }

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
        let plain: Int? = withRawBytes(index) { bytes in
            guard bytes.count <= 18 else { return nil }
            var value = 0
            var i = bytes[0] == UInt8(ascii: "-") ? 1 : 0
            let negative = i == 1
            while i < bytes.count {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
                i += 1
            }
            return negative ? -value : value
        }
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
}
