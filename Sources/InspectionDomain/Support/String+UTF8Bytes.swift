extension String {
    /// Calls `body` with the string's UTF-8 bytes, lent in place for native strings (a string without
    /// contiguous UTF-8, such as a bridged one, is copied first).
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (Span<UInt8>) -> R) -> R {
        if isContiguousUTF8 { return body(utf8.span) }
        var copy = self
        copy.makeContiguousUTF8()
        return body(copy.utf8.span)
    }
}
