/// (Internal.) A fixed set of member names, their bytes and tape signatures worked out once, so one walk over
/// an object finds all of them (``JSONDocument/lastMembers(_:named:)``).
struct JSONNameTable: Sendable {
    let names: [[UInt8]]
    let signatures: [Int32]

    init(_ names: [String]) {
        self.names = names.map { Array($0.utf8) }
        self.signatures = self.names.map { name in
            name.withUnsafeBufferPointer { $0.isEmpty ? 0 : JSONDocument.signature($0.baseAddress!, $0.count) }
        }
    }

    var count: Int { names.count }
}

extension JSONDocument {
    /// For each name of `table`, the value token of the *last* member so named in `object` (duplicates: the
    /// last wins, as in ``member(_:_:)``), or nil: one walk over the members instead of one per name.
    func lastMembers(_ object: Int, named table: JSONNameTable) -> [Int?] {
        var found = [Int?](repeating: nil, count: table.count)
        var i = object + 1
        let end = Int(tokens[object].next)
        bytes.withUnsafeBufferPointer { haystack in
            while i < end {
                let token = tokens[i]
                for slot in 0..<table.count {
                    let name = table.names[slot]
                    let matches: Bool
                    if token.kind == .escapedString {
                        matches = string(i).utf8.elementsEqual(name)
                    } else {
                        matches = token.next == table.signatures[slot] && Int(token.end - token.start) == name.count
                            && name.withUnsafeBufferPointer { JSONDocument.equal(haystack.baseAddress! + Int(token.start), $0.baseAddress, $0.count) }
                    }
                    if matches {
                        found[slot] = i + 1
                        break
                    }
                }
                i = Int(tokens[i + 1].next)
            }
        }
        return found
    }
}
