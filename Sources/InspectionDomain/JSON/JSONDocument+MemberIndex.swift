extension JSONDocument {
    /// (Internal.) A hash index over the member names of one large object, so a lookup costs a probe or two
    /// instead of a walk over every member. Built by `memberIndex(_:)`; duplicate names keep the last member.
    struct MemberIndex: Sendable {
        /// Open addressing, linear probing: name token indexes, -1 for an empty slot.
        fileprivate var slots: [Int32]
        fileprivate var mask: Int
    }

    /// Objects with fewer members are searched by a walk, which is cheaper than building an index.
    static let indexedMemberCount = 8

    /// An index of `object`'s members when it has enough of them and none has an escaped name; else nil.
    func memberIndex(_ object: Int) -> MemberIndex? {
        tokens.withUnsafeBufferPointer { tape -> MemberIndex? in
            let end = Int(tape[object].next)
            var count = 0
            var i = object + 1
            while i < end {
                if tape[i].kind == .escapedString { return nil }
                count += 1
                i = Int(tape[i + 1].next)
            }
            guard count >= JSONDocument.indexedMemberCount else { return nil }
            var capacity = 16
            while capacity < count * 2 { capacity <<= 1 }
            var index = MemberIndex(slots: [Int32](repeating: -1, count: capacity), mask: capacity - 1)
            bytes.withUnsafeBufferPointer { haystack in
                index.slots.withUnsafeMutableBufferPointer { slots in
                    var i = object + 1
                    while i < end {
                        let name = tape[i]
                        var slot = Int(UInt32(bitPattern: name.next).multipliedFullWidth(by: 0x9E37_79B1).low >> 16) & index.mask
                        while slots[slot] >= 0 {
                            let other = tape[Int(slots[slot])]
                            if other.next == name.next && other.end - other.start == name.end - name.start
                                && JSONDocument.equal(haystack.baseAddress! + Int(other.start), haystack.baseAddress! + Int(name.start),
                                                      Int(name.end - name.start)) {
                                break  // a duplicate name: the later member replaces it
                            }
                            slot = (slot + 1) & index.mask
                        }
                        slots[slot] = Int32(i)
                        i = Int(tape[i + 1].next)
                    }
                }
            }
            return index
        }
    }

    /// Whether two byte buffers are equal (see ``equal(_:_:_:)``).
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count, let start = a.baseAddress else { return a.count == b.count }
        return equal(start, b.baseAddress, a.count)
    }

    /// Whether `count` bytes at `a` and `b` are equal: eight bytes at a time, the last word overlapping the one
    /// before it (names are short, so a call to `memcmp` would cost more than the comparison).
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        guard count > 0, let b else { return count == 0 }
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
        if count >= 8 {
            var i = 0
            while i + 8 < count {
                if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i += 8
            }
            return x.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
                && x.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == y.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        var i = 0
        while i < count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// The value token of the last member named by the UTF-8 bytes `needle` of the indexed object, or nil.
    func member(named needle: UnsafeBufferPointer<UInt8>, in index: MemberIndex) -> Int? {
        let signature = JSONDocument.signature(of: needle)
        var slot = Int(UInt32(bitPattern: signature).multipliedFullWidth(by: 0x9E37_79B1).low >> 16) & index.mask
        return bytes.withUnsafeBufferPointer { haystack in
            tokens.withUnsafeBufferPointer { tape in
                index.slots.withUnsafeBufferPointer { slots in
                    while case let candidate = Int(slots[slot]), candidate >= 0 {
                        if nameEquals(candidate, needle, signature: signature, in: haystack, tape: tape) { return candidate + 1 }
                        slot = (slot + 1) & index.mask
                    }
                    return nil
                }
            }
        }
    }
}
