extension JSONDocument {
    /// The element token indexes of an array token, in order.
    struct Elements: Sequence, IteratorProtocol {
        /// The tape, not retained: valid only while the document lives, so a sequence is read on the spot (inside
        /// `FieldReader.reading` or while the document is otherwise held) and never stored.
        let tokens: Tape
        var current: Int
        let end: Int

        mutating func next() -> Int? {
            guard current < end else { return nil }
            defer { current = Int(tokens[current].next) }
            return current
        }

        /// The number of elements left (one hop per element on the tape), so a decoder can reserve its array.
        var count: Int {
            var n = 0
            var i = current
            while i < end {
                n += 1
                i = Int(tokens[i].next)
            }
            return n
        }
    }
}
