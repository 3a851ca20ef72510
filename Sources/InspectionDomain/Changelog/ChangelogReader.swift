/// Reads changelog primitives with bounds checks; every failure is `Malformed`.
public struct ChangelogReader {
    /// The record is not in the format.
    public struct Malformed: Error {
        public init() {}
    }

    private let buffer: [UInt8]
    private var index = 0

    /// A reader at the start of `buffer`.
    public init(_ buffer: [UInt8]) { self.buffer = buffer }

    /// Whether every byte has been read (a record must end exactly after its last field).
    public var isAtEnd: Bool { index == buffer.count }

    /// One byte.
    @inline(__always)
    public mutating func byte() throws(Malformed) -> UInt8 {
        guard index < buffer.count else { throw .init() }
        defer { index += 1 }
        return buffer[index]
    }

    /// `bool`: 0 or 1, anything else is malformed.
    public mutating func bool() throws(Malformed) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw .init()
        }
    }

    /// An optional's presence tag.
    @inline(__always)
    public mutating func presence() throws(Malformed) -> Bool { try bool() }

    /// `uint`: at most 64 bits.
    @inline(__always)
    public mutating func unsigned() throws(Malformed) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            if shift == 63 && b > 1 { throw .init() }  // more than 64 bits
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
            if shift > 63 { throw .init() }
        }
    }

    /// `sint`: a zig-zag encoded `uint`.
    public mutating func signed() throws(Malformed) -> Int64 {
        let raw = try unsigned()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// `sint` that fits an `Int`.
    public mutating func signedInt() throws(Malformed) -> Int {
        guard let value = Int(exactly: try signed()) else { throw .init() }
        return value
    }

    /// A length or element count; never more than the bytes left (every element takes at least one byte),
    /// so garbage cannot ask for a huge allocation.
    @inline(__always)
    public mutating func count() throws(Malformed) -> Int {
        let raw = try unsigned()
        guard raw <= UInt64(buffer.count - index) else { throw .init() }
        return Int(raw)
    }

    /// `str`: valid UTF-8.
    public mutating func string() throws(Malformed) -> String {
        let length = try count()
        let slice = buffer[index..<(index + length)]
        index += length
        // ASCII (the usual case) needs no validation; `String(validating:)` is much slower than `String(decoding:)`.
        var ascii: UInt8 = 0
        for byte in slice { ascii |= byte }
        if ascii < 0x80 { return String(decoding: slice, as: UTF8.self) }
        guard let text = String(validating: slice, as: UTF8.self) else { throw .init() }
        return text
    }

    /// `opt<str>`.
    public mutating func optionalString() throws(Malformed) -> String? {
        guard try presence() else { return nil }
        return try string()
    }

    /// `bytes`.
    public mutating func bytes() throws(Malformed) -> [UInt8] {
        let length = try count()
        defer { index += length }
        return Array(buffer[index..<(index + length)])
    }

    /// `opt<bytes>`.
    public mutating func optionalBytes() throws(Malformed) -> [UInt8]? {
        guard try presence() else { return nil }
        return try bytes()
    }

    mutating func answers() throws(Malformed) -> [String: Answer] {
        let count = try count()
        var answers: [String: Answer] = .init(minimumCapacity: count)
        for _ in 0..<count {
            let criterionId = try string()
            guard answers.updateValue(try ChangelogCodes.value(try byte(), in: ChangelogCodes.answer), forKey: criterionId) == nil else {
                throw .init()
            }
        }
        return answers
    }
}
