extension JSONDocument {
    /// (Internal.) The token tape: `count` tokens in the block the document allocates, fills while parsing and
    /// frees in its `deinit`. Reading a token checks its index, as an array would.
    @usableFromInline
    struct Tape: RandomAccessCollection {
        @usableFromInline let base: UnsafeMutablePointer<Token>
        @usableFromInline let count: Int

        @inlinable
        init(base: UnsafeMutablePointer<Token>, count: Int) {
            self.base = base
            self.count = count
        }

        @inlinable var startIndex: Int { 0 }
        @inlinable var endIndex: Int { count }

        @inlinable @inline(__always)
        subscript(index: Int) -> Token {
            precondition(UInt(bitPattern: index) < UInt(bitPattern: count), "token index out of range")
            return base[index]
        }

        /// The tokens as a buffer, for loops that follow the tape's own links (which the parser keeps in range).
        @inlinable @inline(__always)
        func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Token>) throws -> R) rethrows -> R {
            try body(UnsafeBufferPointer(start: base, count: count))
        }
    }
}
