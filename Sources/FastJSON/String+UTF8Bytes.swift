extension String {
    /// Calls `body` with the string's UTF-8 bytes, in place for native strings: unlike `withUTF8` it needs no
    /// mutable copy (and so no retain and release) on the per-event path.
    @inlinable @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes as a span, in place for native strings (a string without
    /// contiguous UTF-8, such as a bridged one, is copied first). Inlinable all the way, unlike `utf8.span`.
    @inlinable @inline(__always)
    public func withUTF8Span<R>(_ body: (Span<UInt8>) -> R) -> R {
        withUTF8Bytes { body(Span(_unsafeElements: $0)) }
    }

    /// A string of the `count` UTF-8 bytes `body` writes in place, lent to it as a span (zeroed first). Invalid
    /// UTF-8 is repaired, as `String(decoding:as:)` repairs it.
    @inlinable
    public init(utf8Count count: Int, writing body: (inout MutableSpan<UInt8>) -> Void) {
        self.init(unsafeUninitializedCapacity: count) { buffer in
            let bytes = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
            bytes.initialize(repeating: 0)
            var span = MutableSpan(_unsafeElements: bytes)
            body(&span)
            return count
        }
    }
}
