extension String {
    /// Calls `body` with the string's UTF-8 bytes, in place for native strings: unlike `withUTF8` it needs no
    /// mutable copy (and so no retain and release) on the per-event path.
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
