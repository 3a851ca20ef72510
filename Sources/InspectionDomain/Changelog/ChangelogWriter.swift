import FastJSON

/// Appends changelog primitives to a growable buffer.
public struct ChangelogWriter: ~Copyable {
    private var buffer: ByteWriter

    /// An empty record with room for `capacity` bytes.
    public init(capacity: Int) { buffer = ByteWriter(capacity: capacity) }

    /// The bytes written.
    public var result: [UInt8] { buffer.bytes }

    /// One byte.
    @inline(__always) public mutating func byte(_ value: UInt8) { buffer.append(value) }
    /// `bool`: one byte, 0 or 1.
    @inline(__always) public mutating func bool(_ value: Bool) { buffer.append(value ? 1 : 0) }

    /// `uint`: a base-128 varint, least significant group first.
    @inline(__always)
    public mutating func unsigned(_ value: UInt64) {
        var v = value
        buffer.reserve(10)
        while v >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        buffer.append(UInt8(truncatingIfNeeded: v))
    }

    /// `uint` of a count or length.
    @inline(__always) public mutating func unsigned(_ value: Int) { unsigned(UInt64(value)) }

    /// Zig-zag: small magnitudes of either sign stay short.
    @inline(__always)
    public mutating func signed(_ value: Int64) { unsigned(UInt64(bitPattern: (value &<< 1) ^ (value >> 63))) }
    /// `sint` of an `Int`.
    @inline(__always) public mutating func signed(_ value: Int) { signed(Int64(value)) }

    /// `str`: the UTF-8 byte count, then the bytes.
    @inline(__always)
    public mutating func string(_ value: String) {
        unsigned(value.utf8.count)
        buffer.append(utf8Of: value)
    }

    /// `opt<str>`.
    public mutating func optionalString(_ value: String?) {
        if let value { byte(1); string(value) } else { byte(0) }
    }

    /// `bytes`: the byte count, then the bytes.
    @inline(__always)
    public mutating func bytes(_ value: [UInt8]) {
        unsigned(value.count)
        buffer.append(contentsOf: value)
    }

    /// `opt<bytes>`.
    public mutating func optionalBytes(_ value: [UInt8]?) {
        if let value { byte(1); bytes(value) } else { byte(0) }
    }

    mutating func answers(_ answers: [String: Answer]) {
        unsigned(answers.count)
        for (criterionId, answer) in answers {
            string(criterionId)
            byte(ChangelogCodes.code(answer, in: ChangelogCodes.answer))
        }
    }
}
