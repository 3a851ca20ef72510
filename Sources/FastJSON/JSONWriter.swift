/// Writes compact JSON in the order the caller emits members.
///
/// Commas are inserted automatically: call `key(_:)` before an object member's value
/// and the value methods for array elements. A writer cannot be copied (it owns its buffer outright), so no write
/// has to check whether the buffer is shared. The small writes are inlinable, so writers in other modules run them
/// inline; escaping a string's text is one call.
public struct JSONWriter: ~Copyable {
    @usableFromInline var buffer: ByteBuffer

    /// The bytes written so far.
    public var bytes: [UInt8] { buffer.array }

    /// Creates a writer with some capacity reserved.
    @inlinable
    public init(capacity: Int = 1024) {
        buffer = ByteBuffer(capacity: capacity)
    }

    /// Creates a writer that writes into `memory` while it fits (see ``written(capacity:_:)``).
    @usableFromInline
    init(in memory: UnsafeMutableBufferPointer<UInt8>) {
        buffer = ByteBuffer(in: memory)
    }

    /// The bytes `write` writes, built in the returned array's own memory when they fit in `capacity` bytes (so
    /// they are not copied out of a separate buffer at the end), else in a growing buffer and copied once.
    @inlinable
    public static func written(capacity: Int, _ write: (inout JSONWriter) -> Void) -> [UInt8] {
        var overflow: [UInt8]?
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { memory, initialized in
            var w = JSONWriter(in: memory)
            write(&w)
            if w.buffer.owned {
                overflow = w.bytes
                initialized = 0
            } else {
                initialized = w.buffer.count
            }
        }
        return overflow ?? bytes
    }

    @inlinable @inline(__always)
    mutating func separate() {
        guard let last = buffer.last else { return }
        if last != UInt8(ascii: "{") && last != UInt8(ascii: "[") && last != UInt8(ascii: ":") {
            buffer.append(UInt8(ascii: ","))
        }
    }

    /// Starts an object.
    @inlinable
    public mutating func beginObject() { separate(); buffer.append(UInt8(ascii: "{")) }
    /// Ends an object.
    @inlinable
    public mutating func endObject() { buffer.append(UInt8(ascii: "}")) }
    /// Starts an array.
    @inlinable
    public mutating func beginArray() { separate(); buffer.append(UInt8(ascii: "[")) }
    /// Ends an array.
    @inlinable
    public mutating func endArray() { buffer.append(UInt8(ascii: "]")) }

    /// Writes a member name and the colon.
    @inlinable
    public mutating func key(_ name: JSONKey) {
        separate()
        switch name.storage {
        case .literal(let literal):
            buffer.appendKey(literal)
        case .text(let text):
            writeQuoted(text)
            buffer.append(UInt8(ascii: ":"))
        }
    }

    /// Writes a string value.
    @inlinable
    public mutating func string(_ value: String) {
        separate()
        writeQuoted(value)
    }

    /// Writes an integer value.
    @inlinable
    public mutating func integer(_ value: Int) {
        separate()
        if value >= 0 && value < 10 {
            buffer.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            appendDecimal(value)
        }
    }

    /// Writes a value given in tenths with one decimal: 667 → `66.7`, 1000 → `100.0`, 5 → `0.5`.
    @inlinable
    public mutating func tenths(_ value: Int) {
        separate()
        appendDecimal(value / 10)
        buffer.append(UInt8(ascii: "."))
        buffer.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: abs(value % 10)))
    }

    /// The decimal digits of `value` (with a sign when negative), without building a String.
    @usableFromInline
    mutating func appendDecimal(_ value: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { buffer.append(UInt8(ascii: "-")) }
            buffer.append(UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// Writes a boolean value.
    @inlinable
    public mutating func bool(_ value: Bool) {
        separate()
        buffer.append(value ? "true" : "false")
    }

    /// Writes `null`.
    @inlinable
    public mutating func null() {
        separate()
        buffer.append("null")
    }

    /// Writes a number lexeme as is (it must already be valid JSON number syntax).
    public mutating func rawNumber(_ lexeme: String) {
        separate()
        lexeme.withUTF8Bytes { buffer.append($0) }
    }

    /// Appends an already encoded JSON value (an element or a member value), with the separator.
    @inlinable
    public mutating func fragment(_ encoded: [UInt8]) {
        separate()
        encoded.withUnsafeBufferPointer { buffer.append($0) }
    }

    /// Appends already encoded bytes (an element or a member value), with the separator.
    @inlinable
    mutating func fragment(_ encoded: UnsafeBufferPointer<UInt8>) {
        separate()
        buffer.append(encoded)
    }

    /// Writes a string member.
    @inlinable
    public mutating func field(_ name: JSONKey, _ value: String) { key(name); writeQuoted(value) }
    /// Writes an integer member.
    @inlinable
    public mutating func field(_ name: JSONKey, _ value: Int) { key(name); integer(value) }
    /// Writes a boolean member.
    @inlinable
    public mutating func field(_ name: JSONKey, _ value: Bool) { key(name); bool(value) }

    /// Writes a string member whose UTF-8 bytes need no escaping, as they are: hex digits, or the content of a
    /// JSON string token without escapes (no quote, backslash or control character can be in it).
    @inlinable
    mutating func field(_ name: JSONKey, unescaped text: UnsafeBufferPointer<UInt8>) {
        key(name)
        buffer.append(UInt8(ascii: "\""))
        buffer.append(text)
        buffer.append(UInt8(ascii: "\""))
    }

    /// Writes a string member of `count` bytes that `body` writes in place (digits, hyphens, hex: nothing that
    /// needs escaping, checked in debug builds), without building a string.
    @inlinable
    public mutating func field(_ name: JSONKey, unescapedCount count: Int, _ body: (inout MutableSpan<UInt8>) -> Void) {
        key(name)
        buffer.append(UInt8(ascii: "\""))
        buffer.append(count: count, body)
        assert(buffer.lastBytesNeedNoEscaping(count), "a value written in place needs escaping")
        buffer.append(UInt8(ascii: "\""))
    }

    /// Writes the string token `token` of `document` as the member `name`: its bytes as they are in the input when
    /// it has no escapes (the usual case), else its decoded text, escaped again.
    @inlinable
    public mutating func field(_ name: JSONKey, stringToken token: Int, of document: JSONDocument) {
        if document.kind(token) == .string {
            document.withRawBuffer(token) { field(name, unescaped: $0) }
        } else {
            field(name, document.string(token))
        }
    }

    /// Writes an enumeration member: its raw value's bytes from the type's table, with no scan for characters
    /// to escape (the table checks once that none needs it).
    @inlinable
    public mutating func field<E: JSONEnumeration>(_ name: JSONKey, _ value: E) {
        field(name, unescaped: E.jsonNames.name(of: value))
    }

    /// Writes an enumeration member only when the value is present.
    @inlinable
    public mutating func optionalField<E: JSONEnumeration>(_ name: JSONKey, _ value: E?) {
        if let value { field(name, value) }
    }

    /// Writes a string member whose value is a literal needing no escaping (checked in debug builds).
    @inlinable
    public mutating func field(_ name: JSONKey, literal: StaticString) {
        assert(JSONKey.needsNoEscaping(literal), "literal \(literal) needs escaping")
        literal.withUTF8Buffer { field(name, unescaped: $0) }
    }

    /// Writes a string member only when the value is present.
    @inlinable
    public mutating func optionalField(_ name: JSONKey, _ value: String?) {
        if let value { field(name, value) }
    }

    /// Writes a string member whose value is `prefix` followed by `rest`, without building the joined string.
    /// `prefix` is written as is, so it must need no escaping.
    @inlinable
    public mutating func field(_ name: JSONKey, _ prefix: StaticString, _ rest: String) {
        key(name)
        buffer.append(UInt8(ascii: "\""))
        buffer.append(prefix)
        writeQuotedContents(rest)
        buffer.append(UInt8(ascii: "\""))
    }

    /// Writes any parsed JSON value.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let n): rawNumber(n.lexeme)
        case .string(let s): string(s)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let object):
            beginObject()
            for member in object.members {
                key(JSONKey(member.key))
                self.value(member.value)
            }
            endObject()
        }
    }

    @inlinable
    mutating func writeQuoted(_ text: String) {
        buffer.append(UInt8(ascii: "\""))
        writeQuotedContents(text)
        buffer.append(UInt8(ascii: "\""))
    }

    /// The escaped text of a string, without the quotes.
    @usableFromInline
    mutating func writeQuotedContents(_ text: String) {
        text.withUTF8Bytes { writeEscaped($0) }
    }

    /// The escaped bytes of `utf8`.
    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Copy runs that need no escaping in bulk, finding the next quote, backslash or control character
        // eight bytes at a time (bytes of 0x80 and above are copied as they are).
        var runStart = 0
        var index = 0
        let count = utf8.count
        while index < count {
            if count - index >= 8, let base = UnsafeRawPointer(utf8.baseAddress) {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let flagged =
                    (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word))
                    & 0x8080_8080_8080_8080
                if flagged == 0 {
                    index += 8
                    continue
                }
                // The lowest flagged byte is exact (borrows only run towards higher bytes).
                index += flagged.trailingZeroBitCount >> 3
            }
            let byte = utf8[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if index > runStart { buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
            switch byte {
            case UInt8(ascii: "\""): buffer.append("\\\"")
            case UInt8(ascii: "\\"): buffer.append("\\\\")
            case 0x0A: buffer.append("\\n")
            case 0x0D: buffer.append("\\r")
            case 0x09: buffer.append("\\t")
            default:
                buffer.append("\\u00")
                buffer.append(Self.hexDigit(byte >> 4))
                buffer.append(Self.hexDigit(byte & 0xF))
            }
            index += 1
            runStart = index
        }
        if count > runStart { buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart..<count])) }
    }

    /// `0`–`9`, `a`–`f` for a value below 16.
    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }
}
