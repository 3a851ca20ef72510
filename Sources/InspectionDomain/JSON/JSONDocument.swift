/// (Internal.) A parsed JSON document as a flat token tape over the original bytes: one array for the
/// structure, strings and numbers left in place until asked for. Lookups never build Strings for keys.
///
/// Grammar, UTF-8 validation and the depth limit are those of RFC 8259 as `JSONParser` states them.
final class JSONDocument: Sendable {
    /// One token. Containers know where they end (`next`), so siblings can be skipped.
    struct Token: Sendable {
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
    /// The tape; token 0 is the root.
    let tokens: [Token]

    /// Parses a complete document.
    init(_ bytes: [UInt8]) throws(JSONParseError) {
        self.bytes = bytes
        // Token offsets are 32-bit.
        guard bytes.count < Int(Int32.max) else { throw JSONParseError(offset: 0, reason: "document larger than 2 GiB") }
        // Every token but a lone top-level scalar takes at least two bytes (brackets, quotes, or a scalar and its
        // separator), so a tape of `count / 2 + 2` always suffices and is written in place without growing or
        // checking uniqueness. Events have far fewer tokens (about one per ten bytes): a tape of an eighth is tried
        // first, so the usual allocation is a few kilobytes rather than eight times the input, and a document
        // dense enough to fill it is parsed again with the full bound.
        var (tokens, failure, overflowed) = Self.parse(bytes, capacity: bytes.count / 8 + 16)
        if overflowed { (tokens, failure, _) = Self.parse(bytes, capacity: bytes.count / 2 + 2) }
        if let failure { throw failure }
        self.tokens = tokens
    }

    /// One parse into a tape of `capacity` tokens: the tape, or the failure and whether it was running out of tape.
    private static func parse(_ bytes: [UInt8], capacity: Int) -> (tokens: [Token], failure: JSONParseError?, overflowed: Bool) {
        var failure: JSONParseError?
        var overflowed = false
        let tokens = [Token](unsafeUninitializedCapacity: capacity) { tape, initialized in
            bytes.withUnsafeBufferPointer { buffer in
                var builder = TapeBuilder(buffer: buffer, tape: tape)
                do throws(JSONParseError) {
                    builder.skipWhitespace()
                    try builder.parseValue(depth: 0)
                    builder.skipWhitespace()
                    if builder.index != buffer.count { throw JSONParseError(offset: builder.index, reason: "trailing characters") }
                    initialized = builder.count
                } catch {
                    failure = error
                    overflowed = builder.overflowed
                    initialized = 0
                }
            }
        }
        return (tokens, failure, overflowed)
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

    /// Whether a string token equals `text` (compared on UTF-8 bytes; escaped strings are decoded first).
    @inline(__always)
    func stringEquals(_ index: Int, _ text: String) -> Bool {
        let token = tokens[index]
        if token.kind == .escapedString { return string(index) == text }
        let length = Int(token.end - token.start)
        return text.withUTF8Bytes { needle in
            guard needle.count == length else { return false }
            return bytes.withUnsafeBufferPointer { haystack in
                let base = haystack.baseAddress! + Int(token.start)
                var i = 0
                while i < length {
                    if base[i] != needle[i] { return false }
                    i += 1
                }
                return true
            }
        }
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

    /// The value token of the last member named by the UTF-8 bytes `needle` of an object token, or nil.
    func member(_ object: Int, named needle: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.withUnsafeBufferPointer { haystack in
            tokens.withUnsafeBufferPointer { tape in
                let signature = JSONDocument.signature(of: needle)
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

    /// The element token indexes of an array token, in order.
    struct Elements: Sequence, IteratorProtocol {
        fileprivate let tokens: [Token]
        fileprivate var current: Int
        fileprivate let end: Int

        mutating func next() -> Int? {
            guard current < end else { return nil }
            defer { current = Int(tokens[current].next) }
            return current
        }

        /// The number of elements left (one hop per element on the tape), so a decoder can reserve its array.
        var count: Int {
            var n = 0
            var i = current
            while i < end {
                n += 1
                i = Int(tokens[i].next)
            }
            return n
        }
    }

    /// The element token indexes of an array token (no allocation).
    func elements(_ array: Int) -> Elements {
        Elements(tokens: tokens, current: array + 1, end: Int(tokens[array].next))
    }

    /// An empty element sequence (an absent array).
    var noElements: Elements { Elements(tokens: tokens, current: 0, end: 0) }

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

/// Builds the tape; validates as it goes.
private struct TapeBuilder {
    let buffer: UnsafeBufferPointer<UInt8>
    var index = 0
    /// The tape being written and how many tokens it holds.
    let tape: UnsafeMutableBufferPointer<JSONDocument.Token>
    var count = 0
    /// Set when the tape ran out (the caller retries with the full bound).
    var overflowed = false

    init(buffer: UnsafeBufferPointer<UInt8>, tape: UnsafeMutableBufferPointer<JSONDocument.Token>) {
        self.buffer = buffer
        self.tape = tape
    }

    /// Appends a token. The first, smaller tape can run out (`overflowed`); the full bound never does, and the check
    /// keeps any input from writing past either.
    @inline(__always)
    mutating func append(_ token: JSONDocument.Token) throws(JSONParseError) {
        guard count < tape.count else {
            overflowed = true
            throw fail("too many values")
        }
        (tape.baseAddress! + count).initialize(to: token)
        count += 1
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < buffer.count {
            let byte = buffer[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 } else { return }
        }
    }

    func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

    @inline(__always)
    mutating func scalar(_ kind: JSONDocument.Token.Kind, _ start: Int, _ end: Int) throws(JSONParseError) {
        try append(.init(kind: kind, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
                         next: Int32(truncatingIfNeeded: count + 1)))
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) {
        guard index < buffer.count else { throw fail("unexpected end of input") }
        switch buffer[index] {
        case UInt8(ascii: "{"): try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): try parseString()
        case UInt8(ascii: "t"): try expectLiteral("true"); try scalar(.trueValue, index - 4, index)
        case UInt8(ascii: "f"): try expectLiteral("false"); try scalar(.falseValue, index - 5, index)
        case UInt8(ascii: "n"): try expectLiteral("null"); try scalar(.null, index - 4, index)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
        default: throw fail("unexpected character")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard buffer.count - index >= count else { throw fail("invalid literal") }
        let start = literal.utf8Start
        for offset in 0..<count where buffer[index + offset] != start[offset] {
            throw fail("invalid literal")
        }
        index += count
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) {
        if depth > JSONParser.maximumDepth { throw fail("nesting too deep") }
        let open = count
        try append(.init(kind: .object, start: Int32(truncatingIfNeeded: index), end: 0, next: 0))
        index += 1
        skipWhitespace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "}") {
            index += 1
            close(open)
            return
        }
        while true {
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            try parseString()
            let name = count - 1
            let start = Int(tape[name].start)
            tape[name].next = JSONDocument.signature(buffer.baseAddress! + start, Int(tape[name].end) - start)
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            skipWhitespace()
            try parseValue(depth: depth)
            skipWhitespace()
            guard index < buffer.count else { throw fail("unterminated object") }
            let byte = buffer[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "}") { close(open); return }
            index -= 1
            throw fail("expected ',' or '}'")
        }
    }

    @inline(__always)
    mutating func close(_ open: Int) {
        tape[open].end = Int32(truncatingIfNeeded: index)
        tape[open].next = Int32(truncatingIfNeeded: count)
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) {
        if depth > JSONParser.maximumDepth { throw fail("nesting too deep") }
        let open = count
        try append(.init(kind: .array, start: Int32(truncatingIfNeeded: index), end: 0, next: 0))
        index += 1
        skipWhitespace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "]") {
            index += 1
            close(open)
            return
        }
        while true {
            skipWhitespace()
            try parseValue(depth: depth)
            skipWhitespace()
            guard index < buffer.count else { throw fail("unterminated array") }
            let byte = buffer[index]
            index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "]") { close(open); return }
            index -= 1
            throw fail("expected ',' or ']'")
        }
    }

    @inline(__always)
    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func parseNumber() throws(JSONParseError) {
        let start = index
        if buffer[index] == UInt8(ascii: "-") { index += 1 }
        guard index < buffer.count else { throw fail("invalid number") }
        if buffer[index] == UInt8(ascii: "0") {
            index += 1
        } else if buffer[index] >= UInt8(ascii: "1") && buffer[index] <= UInt8(ascii: "9") {
            while index < buffer.count && isDigit(buffer[index]) { index += 1 }
        } else {
            throw fail("invalid number")
        }
        if index < buffer.count && buffer[index] == UInt8(ascii: ".") {
            index += 1
            guard index < buffer.count, isDigit(buffer[index]) else { throw fail("invalid number") }
            while index < buffer.count && isDigit(buffer[index]) { index += 1 }
        }
        if index < buffer.count && (buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E")) {
            index += 1
            if index < buffer.count && (buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-")) { index += 1 }
            guard index < buffer.count, isDigit(buffer[index]) else { throw fail("invalid number") }
            while index < buffer.count && isDigit(buffer[index]) { index += 1 }
        }
        try scalar(.number, start, index)
    }

    /// A string starting at the opening quote: validated (UTF-8, escapes, no control characters), not decoded.
    mutating func parseString() throws(JSONParseError) {
        index += 1
        let start = index
        var escaped = false
        let base = UnsafeRawPointer(buffer.baseAddress!)
        while index < buffer.count {
            // Eight plain ASCII bytes at a time (no quote, backslash, control character or non-ASCII byte).
            while buffer.count - index >= 8 {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let highs: UInt64 = 0x8080_8080_8080_8080
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (word &- ones &* 0x20) | word
                let flagged = special & highs
                // The lowest flagged byte is exact (borrows only run towards higher bytes): skip the plain ones.
                if flagged != 0 { index += flagged.trailingZeroBitCount >> 3; break }
                index += 8
            }
            guard index < buffer.count else { break }
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                try scalar(escaped ? .escapedString : .string, start, index)
                index += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 1
                guard index < buffer.count else { throw fail("unterminated escape") }
                let escape = buffer[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    let scalar = try parseHex4()
                    if scalar >= 0xD800 && scalar <= 0xDBFF {
                        guard index + 1 < buffer.count, buffer[index] == UInt8(ascii: "\\"), buffer[index + 1] == UInt8(ascii: "u") else {
                            throw fail("unpaired surrogate")
                        }
                        index += 2
                        let low = try parseHex4()
                        guard low >= 0xDC00 && low <= 0xDFFF else { throw fail("unpaired surrogate") }
                    } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                        throw fail("unpaired surrogate")
                    }
                    continue
                default:
                    throw fail("invalid escape")
                }
            }
            if byte < 0x20 { throw fail("control character in string") }
            if byte < 0x80 { index += 1 } else { try skipMultibyte() }
        }
        throw fail("unterminated string")
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard buffer.count - index >= 4 else { throw fail("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = buffer[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Validates one multi-byte UTF-8 sequence at `index` (strict: no overlongs, no surrogates, ≤ U+10FFFF).
    mutating func skipMultibyte() throws(JSONParseError) {
        let lead = buffer[index]
        let remaining = buffer.count - index
        @inline(__always) func cont(_ offset: Int) -> Bool { buffer[index + offset] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            guard remaining >= 2, cont(1) else { throw fail("invalid UTF-8") }
            index += 2
        case 0xE0...0xEF:
            guard remaining >= 3, cont(1), cont(2) else { throw fail("invalid UTF-8") }
            let second = buffer[index + 1]
            if lead == 0xE0 && second < 0xA0 { throw fail("invalid UTF-8") }
            if lead == 0xED && second >= 0xA0 { throw fail("invalid UTF-8") }
            index += 3
        case 0xF0...0xF4:
            guard remaining >= 4, cont(1), cont(2), cont(3) else { throw fail("invalid UTF-8") }
            let second = buffer[index + 1]
            if lead == 0xF0 && second < 0x90 { throw fail("invalid UTF-8") }
            if lead == 0xF4 && second >= 0x90 { throw fail("invalid UTF-8") }
            index += 4
        default:
            throw fail("invalid UTF-8")
        }
    }
}
