/// Byte-level reads over a `Span<UInt8>` that the standard library offers only as unsafe operations: words loaded
/// after a range check, and comparisons eight bytes at a time. Code outside this module reads bytes through these
/// and the span's own checked subscript.
extension Span where Element == UInt8 {
    /// Whether the bytes are exactly `other`'s.
    @inlinable @inline(__always)
    public func elementsEqual(_ other: Span<UInt8>) -> Bool {
        guard count == other.count else { return false }
        return withUnsafeBufferPointer { a in other.withUnsafeBufferPointer { b in JSONDocument.equal(a, b) } }
    }

    /// Whether the bytes are exactly the UTF-8 bytes of `literal`.
    @inlinable @inline(__always)
    public func elementsEqual(_ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { b in withUnsafeBufferPointer { a in JSONDocument.equal(a, b) } }
    }

    /// The eight bytes at `offset` as a little-endian `UInt64`; the bytes must lie within the span.
    @inlinable @inline(__always)
    public func littleEndianUInt64(at offset: Int) -> UInt64 {
        precondition(offset >= 0 && offset <= count &- 8, "eight bytes at \(offset) out of \(count)")
        return bytes.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
    }

    /// The two bytes at `offset` as a little-endian `UInt16`; the bytes must lie within the span.
    @inlinable @inline(__always)
    public func littleEndianUInt16(at offset: Int) -> UInt16 {
        precondition(offset >= 0 && offset <= count &- 2, "two bytes at \(offset) out of \(count)")
        return bytes.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian
    }
}

extension Array where Element == UInt8 {
    /// Whether the bytes are exactly the UTF-8 bytes of `text` (compared in place, eight bytes at a time).
    @inlinable
    public func elementsEqual(utf8Of text: String) -> Bool {
        withUnsafeBufferPointer { a in text.withUTF8Bytes { b in JSONDocument.equal(a, b) } }
    }
}

extension String {
    /// Whether the two strings have the same UTF-8 bytes (not canonical equivalence, which `==` is: a KELVIN SIGN
    /// would pass for a K), compared in place.
    @inlinable
    public func utf8Equals(_ other: String) -> Bool {
        withUTF8Bytes { a in other.withUTF8Bytes { b in JSONDocument.equal(a, b) } }
    }
}
