import CJSONScan

/// (Internal.) Builds a `JSONDocument`'s tape in one pass and validates as it goes: RFC 8259's grammar, strict
/// UTF-8 inside strings, escapes, and `JSONParser.maximumDepth`.
///
/// One loop with an explicit stack of open containers instead of recursive descent, so the position, the tape
/// count and the depth stay in registers; every index stays within the input (under 2 GiB), so the
/// arithmetic on them cannot overflow. `Tests/InspectionDomainTests/ReferenceTapeBuilder.swift` keeps a plain
/// recursive-descent builder that the tests compare this one with, tape for tape and error for error.
enum JSONTapeParser {
    /// What one parse produced: the number of tokens written, or the failure and whether the tape ran out.
    struct Outcome {
        var count: Int
        var failure: JSONParseError?
        var overflowed: Bool
        /// The number of object tokens listed in `objects`.
        var objectCount = 0
    }

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    /// Parses `input` into `tape` (which may be too small: then `overflowed` is set and the caller retries), and
    /// lists the object tokens in `objects` (as large as `tape`), in document order, for the member index.
    static func parse(
        _ input: UnsafeBufferPointer<UInt8>, into tape: UnsafeMutableBufferPointer<JSONDocument.Token>,
        objects: UnsafeMutablePointer<Int32>
    ) -> Outcome {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: JSONParser.maximumDepth) { stack in
            var parser = Cursor(input: input, tape: tape, stack: stack, objects: objects)
            do throws(JSONParseError) {
                try parser.run()
                return Outcome(count: parser.count, failure: nil, overflowed: false, objectCount: parser.objectCount)
            } catch {
                return Outcome(count: 0, failure: error, overflowed: parser.overflowed)
            }
        }
    }

    /// The parse state. A struct with `@inline(__always)` steps, so that after inlining `run` is one function
    /// whose variables live in registers.
    private struct Cursor {
        let base: UnsafePointer<UInt8>
        let end: Int
        let tape: UnsafeMutablePointer<JSONDocument.Token>
        let capacity: Int
        /// The token indexes of the open containers, innermost last.
        let stack: UnsafeMutablePointer<Int32>
        /// The object tokens so far (at most one per token, so within the tape's capacity).
        let objects: UnsafeMutablePointer<Int32>
        var objectCount = 0
        var index = 0
        var count = 0
        var depth = 0
        /// Whether the innermost open container is an object (kept here rather than read from the tape after
        /// every value).
        var inObject = false
        var overflowed = false

        init(
            input: UnsafeBufferPointer<UInt8>, tape: UnsafeMutableBufferPointer<JSONDocument.Token>,
            stack: UnsafeMutableBufferPointer<Int32>, objects: UnsafeMutablePointer<Int32>
        ) {
            // An empty input has no base address: parse an empty buffer at a valid address instead (it fails at 0).
            base = input.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<UInt64>.alignment)!
            end = input.count
            self.tape = tape.baseAddress!
            capacity = tape.count
            self.stack = stack.baseAddress!
            self.objects = objects
        }

        @inline(__always)
        func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

        /// What the parse loop reads next.
        enum Step { case value, memberName, afterValue }

        /// The whole document: one value between optional whitespace.
        ///
        /// One call site for each step (a member name is read here whether it is an object's first or a later
        /// one), so that each is inlined and the cursor's state stays in registers.
        @inline(__always)
        mutating func run() throws(JSONParseError) {
            var step = Step.value
            while true {
                switch step {
                case .value:
                    skipWhitespace()
                    step = try value()
                    continue
                case .memberName:
                    try memberName()
                    step = .value
                    continue
                case .afterValue:
                    break
                }
                // After a value: close containers or move on to their next element or member.
                guard depth > 0 else { break }
                skipWhitespace()
                guard index < end else { throw fail(inObject ? "unterminated object" : "unterminated array") }
                let byte = base[index]
                index &+= 1
                if byte == UInt8(ascii: ",") {
                    step = inObject ? .memberName : .value
                } else if byte == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    close(Int(stack[depth &- 1]))
                } else {
                    index &-= 1
                    throw fail(inObject ? "expected ',' or '}'" : "expected ',' or ']'")
                }
            }
            skipWhitespace()
            if index != end { throw fail("trailing characters") }
        }

        /// One value at `index` (whitespace skipped); returns the next step. A container is opened and, unless
        /// empty, left open for `run` to fill (an object's first member name is its next step).
        @inline(__always)
        mutating func value() throws(JSONParseError) -> Step {
            guard index < end else { throw fail("unexpected end of input") }
            switch base[index] {
            case UInt8(ascii: "\""):
                try string()
            case UInt8(ascii: "{"):
                let open = try openContainer(.object)
                skipWhitespace()
                if index < end && base[index] == UInt8(ascii: "}") {
                    index &+= 1
                    close(open)
                    return .afterValue
                }
                return .memberName
            case UInt8(ascii: "["):
                let open = try openContainer(.array)
                skipWhitespace()
                if index < end && base[index] == UInt8(ascii: "]") {
                    index &+= 1
                    close(open)
                    return .afterValue
                }
                return .value
            case UInt8(ascii: "t"): try literal(0x6575_7274, 4, .trueValue)  // "true" as a little-endian word
            case UInt8(ascii: "f"):
                // "false": "fals" as a word, then "e".
                guard end &- index >= 5, base[index &+ 4] == UInt8(ascii: "e") else { throw fail("invalid literal") }
                try literal(0x736C_6166, 5, .falseValue)
            case UInt8(ascii: "n"): try literal(0x6C6C_756E, 4, .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw fail("unexpected character")
            }
            return .afterValue
        }

        @inline(__always)
        mutating func append(_ token: JSONDocument.Token) throws(JSONParseError) {
            guard count < capacity else {
                overflowed = true
                throw fail("too many values")
            }
            (tape + count).initialize(to: token)
            count &+= 1
        }

        /// Appends an open container's token and pushes it; the depth limit is checked first.
        @inline(__always)
        mutating func openContainer(_ kind: JSONDocument.Token.Kind) throws(JSONParseError) -> Int {
            if depth >= JSONParser.maximumDepth { throw fail("nesting too deep") }
            let open = count
            try append(.init(kind: kind, start: Int32(truncatingIfNeeded: index), end: 0, next: 0))
            stack[depth] = Int32(truncatingIfNeeded: open)
            depth &+= 1
            inObject = kind == .object
            if inObject {
                objects[objectCount] = Int32(truncatingIfNeeded: open)
                objectCount &+= 1
            }
            index &+= 1
            return open
        }

        /// Closes the innermost container (its bracket consumed): its end and the token after it.
        @inline(__always)
        mutating func close(_ open: Int) {
            tape[open].end = Int32(truncatingIfNeeded: index)
            tape[open].next = Int32(truncatingIfNeeded: count)
            depth &-= 1
            inObject = depth > 0 && tape[Int(stack[depth &- 1])].kind == .object
        }

        @inline(__always)
        mutating func skipWhitespace() {
            while index < end {
                let byte = base[index]
                guard byte <= 0x20, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
                index &+= 1
            }
        }

        /// A member name, its signature in the token's `next`, and the colon after it.
        @inline(__always)
        mutating func memberName() throws(JSONParseError) {
            skipWhitespace()
            guard index < end, base[index] == JSONTapeParser.quote else { throw fail("expected a member name") }
            try string()
            let name = tape + (count &- 1)
            let start = Int(name.pointee.start)
            name.pointee.next = JSONDocument.signature(base + start, Int(name.pointee.end) &- start)
            skipWhitespace()
            guard index < end, base[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index &+= 1
        }

        @inline(__always)
        mutating func literal(_ word: UInt32, _ length: Int, _ kind: JSONDocument.Token.Kind) throws(JSONParseError) {
            guard end &- index >= 4, UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self).littleEndian == word else {
                throw fail("invalid literal")
            }
            let start = index
            index &+= length
            try append(
                .init(
                    kind: kind, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: index),
                    next: Int32(truncatingIfNeeded: count &+ 1)))
        }

        @inline(__always)
        func isDigit(_ offset: Int) -> Bool { offset < end && base[offset] &- UInt8(ascii: "0") < 10 }

        mutating func number() throws(JSONParseError) {
            let start = index
            if base[index] == UInt8(ascii: "-") { index &+= 1 }
            guard index < end else { throw fail("invalid number") }
            if base[index] == UInt8(ascii: "0") {
                index &+= 1
            } else if isDigit(index) {
                while isDigit(index) { index &+= 1 }
            } else {
                throw fail("invalid number")
            }
            if index < end && base[index] == UInt8(ascii: ".") {
                index &+= 1
                guard isDigit(index) else { throw fail("invalid number") }
                while isDigit(index) { index &+= 1 }
            }
            if index < end && base[index] | 0x20 == UInt8(ascii: "e") {
                index &+= 1
                if index < end && (base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-")) { index &+= 1 }
                guard isDigit(index) else { throw fail("invalid number") }
                while isDigit(index) { index &+= 1 }
            }
            try append(
                .init(
                    kind: .number, start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: index),
                    next: Int32(truncatingIfNeeded: count &+ 1)))
        }

        /// A string starting at its opening quote: validated (UTF-8, escapes, no control characters), not decoded.
        @inline(__always)
        mutating func string() throws(JSONParseError) {
            index &+= 1
            let start = index
            var escaped = false
            while true {
                // Plain printable ASCII (no quote, backslash, control character or non-ASCII byte), sixteen bytes at a time.
                index &+= ik_json_plain_ascii_prefix(base + index, end &- index)
                guard index < end else { throw fail("unterminated string") }
                let byte = base[index]
                if byte == JSONTapeParser.quote {
                    try append(
                        .init(
                            kind: escaped ? .escapedString : .string, start: Int32(truncatingIfNeeded: start),
                            end: Int32(truncatingIfNeeded: index), next: Int32(truncatingIfNeeded: count &+ 1)))
                    index &+= 1
                    return
                }
                if byte == JSONTapeParser.backslash {
                    escaped = true
                    try escape()
                } else if byte < 0x20 {
                    throw fail("control character in string")
                } else if byte < 0x80 {
                    index &+= 1
                } else {
                    try multibyte()
                }
            }
        }

        /// One escape sequence at its backslash.
        mutating func escape() throws(JSONParseError) {
            index &+= 1
            guard index < end else { throw fail("unterminated escape") }
            let escape = base[index]
            index &+= 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                return
            case UInt8(ascii: "u"):
                let scalar = try hex4()
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    guard index &+ 1 < end, base[index] == JSONTapeParser.backslash, base[index &+ 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate")
                    }
                    index &+= 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low <= 0xDFFF else { throw fail("unpaired surrogate") }
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    throw fail("unpaired surrogate")
                }
            default:
                throw fail("invalid escape")
            }
        }

        mutating func hex4() throws(JSONParseError) -> UInt32 {
            guard end &- index >= 4 else { throw fail("invalid \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = base[index]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte &- UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte &- UInt8(ascii: "a") &+ 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte &- UInt8(ascii: "A") &+ 10)
                default: throw fail("invalid \\u escape")
                }
                value = value << 4 | digit
                index &+= 1
            }
            return value
        }

        /// One multi-byte UTF-8 sequence at `index` (strict: no overlongs, no surrogates, ≤ U+10FFFF).
        mutating func multibyte() throws(JSONParseError) {
            let lead = base[index]
            let remaining = end &- index
            @inline(__always) func continuation(_ offset: Int) -> Bool { base[index &+ offset] & 0xC0 == 0x80 }
            switch lead {
            case 0xC2...0xDF:
                guard remaining >= 2, continuation(1) else { throw fail("invalid UTF-8") }
                index &+= 2
            case 0xE0...0xEF:
                guard remaining >= 3, continuation(1), continuation(2) else { throw fail("invalid UTF-8") }
                let second = base[index &+ 1]
                if lead == 0xE0 && second < 0xA0 { throw fail("invalid UTF-8") }
                if lead == 0xED && second >= 0xA0 { throw fail("invalid UTF-8") }
                index &+= 3
            case 0xF0...0xF4:
                guard remaining >= 4, continuation(1), continuation(2), continuation(3) else { throw fail("invalid UTF-8") }
                let second = base[index &+ 1]
                if lead == 0xF0 && second < 0x90 { throw fail("invalid UTF-8") }
                if lead == 0xF4 && second >= 0x90 { throw fail("invalid UTF-8") }
                index &+= 4
            default:
                throw fail("invalid UTF-8")
            }
        }
    }
}
