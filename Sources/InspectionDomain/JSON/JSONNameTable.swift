/// (Internal.) A fixed set of member names, their bytes and tape signatures worked out once, so one walk over
/// an object finds all of them (``JSONDocument/lastMembers(_:named:)``). The names live in one buffer: tables
/// are shared by threads, and one array is borrowed once per walk instead of one retained per name.
struct JSONNameTable: Sendable {
    /// All names, back to back; name `i` is `bytes[starts[i]..<starts[i + 1]]`.
    let bytes: [UInt8]
    let starts: [Int]
    let signatures: [Int32]

    init(_ names: [String]) {
        let encoded = names.map { Array($0.utf8) }
        bytes = encoded.flatMap { $0 }
        var starts = [0]
        for name in encoded { starts.append(starts.last! + name.count) }
        self.starts = starts
        signatures = encoded.map { name in
            name.withUnsafeBufferPointer { $0.isEmpty ? 0 : JSONDocument.signature($0.baseAddress!, $0.count) }
        }
    }

    var count: Int { signatures.count }

    /// Name `slot` as a String (for messages).
    func name(_ slot: Int) -> String { String(decoding: bytes[starts[slot]..<starts[slot + 1]], as: UTF8.self) }
}

extension JSONDocument {
    /// For each name of `table`, the value token of the *last* member so named in `object` (duplicates: the
    /// last wins, as in ``member(_:_:)``), or nil: one walk over the members instead of one per name.
    func lastMembers(_ object: Int, named table: JSONNameTable) -> [Int?] {
        var found = [Int?](repeating: nil, count: table.count)
        var i = object + 1
        let end = Int(tokens[object].next)
        bytes.withUnsafeBufferPointer { haystack in
            table.bytes.withUnsafeBufferPointer { names in
                table.starts.withUnsafeBufferPointer { starts in
                    table.signatures.withUnsafeBufferPointer { signatures in
                        while i < end {
                            let token = tokens[i]
                            for slot in 0..<signatures.count {
                                let name = UnsafeBufferPointer(rebasing: names[starts[slot]..<starts[slot + 1]])
                                let matches: Bool
                                if token.kind == .escapedString {
                                    matches = string(i).utf8.elementsEqual(name)
                                } else {
                                    matches = token.next == signatures[slot] && Int(token.end - token.start) == name.count
                                        && JSONDocument.equal(haystack.baseAddress! + Int(token.start), name.baseAddress, name.count)
                                }
                                if matches {
                                    found[slot] = i + 1
                                    break
                                }
                            }
                            i = Int(tokens[i + 1].next)
                        }
                    }
                }
            }
        }
        return found
    }
}
