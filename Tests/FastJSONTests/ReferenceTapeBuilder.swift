@testable import FastJSON

/// The tape builder as it was before `JSONTapeParser`: plain recursive descent, one function per grammar rule.
/// Kept as the reference the optimised parser is compared with (`JSONTapeParserTests`), tape for tape and error for
/// error. Not used by the product.
struct ReferenceTapeBuilder {
    /// Parses `bytes` with a tape that cannot run out (a token per byte): the tokens, or the failure.
    static func parse(_ bytes: [UInt8]) -> (tokens: [JSONDocument.Token], failure: JSONParseError?) {
        var failure: JSONParseError?
        let tokens = [JSONDocument.Token](unsafeUninitializedCapacity: bytes.count + 1) { tape, initialized in
            bytes.withUnsafeBufferPointer { buffer in
                var builder = ReferenceTapeBuilder(buffer: buffer, tape: tape)
                do throws(JSONParseError) {
                    builder.skipWhitespace()
                    try builder.parseValue(depth: 0)
                    builder.skipWhitespace()
                    if builder.index != buffer.count { throw JSONParseError(offset: builder.index, reason: "trailing characters") }
                    initialized = builder.count
                } catch {
                    failure = error
                    initialized = 0
                }
            }
        }
        return (tokens, failure)
    }

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
        try append(
            .init(
                kind: kind, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
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
