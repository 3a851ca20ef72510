/// Appends bytes to a growing buffer that nothing else can see until ``bytes`` copies it out: the writer of binary
/// records (the consolidator's changelog). Like `JSONWriter` it cannot be copied, so no append checks whether its
/// memory is shared.
public struct ByteWriter: ~Copyable {
    @usableFromInline var buffer: ByteBuffer

    /// A writer with `capacity` bytes reserved.
    @inlinable
    public init(capacity: Int) { buffer = ByteBuffer(capacity: capacity) }

    /// The bytes written so far.
    public var bytes: [UInt8] { buffer.array }

    /// Makes room for `extra` more bytes, so that the next appends up to that many grow nothing.
    @inlinable @inline(__always)
    public mutating func reserve(_ extra: Int) { buffer.reserve(extra) }

    /// Appends one byte.
    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) { buffer.append(byte) }

    /// Appends `bytes`.
    @inlinable @inline(__always)
    public mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer.append($0) }
    }

    /// Appends the UTF-8 bytes of `text`.
    @inlinable @inline(__always)
    public mutating func append(utf8Of text: String) {
        var text = text
        text.withUTF8 { buffer.append($0) }
    }
}
