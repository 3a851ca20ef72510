/// (Internal.) A fixed set of member names with their tape signatures worked out once, so one walk over an
/// object finds all of them (``JSONDocument/lastMembers(_:named:)``).
struct JSONNameTable: Sendable {
    let names: PackedBytes
    let signatures: [Int32]

    init(_ names: [String]) {
        precondition(names.count <= JSONDocument.FoundMembers.capacity, "a name table holds at most \(JSONDocument.FoundMembers.capacity) names")
        let encoded = names.map { Array($0.utf8) }
        self.names = PackedBytes(encoded)
        signatures = encoded.map { name in name.withUnsafeBufferPointer(JSONDocument.signature(of:)) }
    }

    var count: Int { signatures.count }

    /// Name `slot` as a String (for messages).
    func name(_ slot: Int) -> String { names.string(slot) }
}

extension JSONDocument {
    /// The value tokens ``lastMembers(_:named:)`` found, by slot, kept inline (no allocation per document).
    struct FoundMembers {
        fileprivate var tokens = InlineArray<8, Int32>(repeating: -1)
        /// Tables hold at most this many names.
        static var capacity: Int { InlineArray<8, Int32>.count }

        /// The value token of name `slot`, or nil when the object has no such member.
        subscript(slot: Int) -> Int? { tokens[slot] < 0 ? nil : Int(tokens[slot]) }
    }

    /// For each name of `table`, the value token of the *last* member so named
    /// in `object` (duplicates: the last wins, as in ``member(_:_:)``), or nil: one walk over the members instead of
    /// one per name.
    func lastMembers(_ object: Int, named table: JSONNameTable) -> FoundMembers {
        var found = FoundMembers()
        var i = object + 1
        let end = Int(tokens[object].next)
        bytes.withUnsafeBufferPointer { haystack in
            tokens.withUnsafeBufferPointer { tape in
                table.names.withEntries { names in
                    table.signatures.withUnsafeBufferPointer { signatures in
                        while i < end {
                            for slot in 0..<signatures.count
                            where nameEquals(i, names[slot], signature: signatures[slot], in: haystack, tape: tape) {
                                found.tokens[slot] = Int32(truncatingIfNeeded: i + 1)
                                break
                            }
                            i = Int(tape[i + 1].next)
                        }
                    }
                }
            }
        }
        return found
    }
}
