import FastJSON

extension String {
    /// Calls `body` with the string's UTF-8 bytes as a span, lent in place for native strings (FastJSON's
    /// `withUTF8Span`).
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (Span<UInt8>) -> R) -> R {
        withUTF8Span { body($0) }
    }
}
