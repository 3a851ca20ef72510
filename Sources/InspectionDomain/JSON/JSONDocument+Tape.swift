extension JSONDocument {
    /// (Internal.) The token tape: `count` tokens in memory the document allocates, fills while parsing and
    /// frees in its `deinit`. Reading a token checks its index, as an array would.
    struct Tape: RandomAccessCollection {
        let base: UnsafeMutablePointer<Token>
        let count: Int

        var startIndex: Int { 0 }
        var endIndex: Int { count }

        @inline(__always)
        subscript(index: Int) -> Token {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "token index out of range")
            return base[index]
        }

        /// The tokens as a buffer, for loops that follow the tape's own links (which the parser keeps in range).
        @inline(__always)
        func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Token>) throws -> R) rethrows -> R {
            try body(UnsafeBufferPointer(start: base, count: count))
        }
    }
}
