extension JSONDocument {
    /// The element token indexes of an array token, in order. It holds the document, so it stays valid however
    /// long it is kept.
    public struct Elements: Sequence, IteratorProtocol {
        @usableFromInline let document: JSONDocument
        @usableFromInline var current: Int
        @usableFromInline let end: Int

        @inlinable
        init(document: JSONDocument, current: Int, end: Int) {
            self.document = document
            self.current = current
            self.end = end
        }

        @inlinable
        public mutating func next() -> Int? {
            guard current < end else { return nil }
            defer { current = Int(document.tokens[current].next) }
            return current
        }

        /// The number of elements left (one hop per element on the tape), so a decoder can reserve its array.
        @inlinable
        public var count: Int {
            var n = 0
            var i = current
            while i < end {
                n += 1
                i = Int(document.tokens[i].next)
            }
            return n
        }
    }
}
