extension JSONDocument {
    /// (Internal.) Every member name of a document, hashed by its object and its name's signature, so a lookup
    /// usually costs a probe or two, instead of a walk over the object's members.
    ///
    /// Built once per document, right after parsing, in the slots the document allocated with its tape (or, for a
    /// document denser than that space was sized for, an allocation of its own). Open addressing with
    /// linear probing; a slot holds the object token and the name token (0 marks an empty slot: token 0 is the
    /// root, never a name). Duplicate names keep the last member, as JSON's "last one wins" reading does.
    ///
    /// Two kinds of document get no index, and their lookups walk the object instead: one with an escaped member
    /// name anywhere (its names must be decoded to be compared), and one where a name lands more than
    /// ``maximumReach`` slots past its home slot. The signature is only the length and three bytes of a name, so
    /// names can be crafted to share it, and without that bound an object of n such names would cost n² probes to
    /// index; with it, building costs at most `maximumReach + 1` probes a name, and so does a lookup.
    @usableFromInline
    struct MemberIndex: BitwiseCopyable {
        @usableFromInline
        struct Slot: BitwiseCopyable {
            @usableFromInline var object: Int32
            @usableFromInline var name: Int32

            @inlinable
            init(object: Int32, name: Int32) {
                self.object = object
                self.name = name
            }
        }

        @usableFromInline let slots: UnsafeMutablePointer<Slot>
        /// Whether `slots` is the index's own allocation (freed by ``deallocate()``) rather than the document's.
        @usableFromInline let ownsSlots: Bool
        @usableFromInline let mask: Int
        /// 64 minus the table's bit width: the hash is the top bits of a multiplicative mix.
        @usableFromInline let shift: Int
        /// The farthest a name may land past its home slot; a document with one farther is walked instead. So a
        /// lookup that has gone this far past the home slot without finding its name can stop: slots never move
        /// once written.
        @inlinable static var maximumReach: Int { 32 }

        /// The number of slots of the index of a tape of `tokens` tokens: a power of two at least twice as large.
        ///
        /// At most one name per two tokens, so a table twice as large as the tape is at most a quarter full
        /// (half as many first-slot collisions as a table the tape's size: 453 fewer instructions per case file
        /// under callgrind; four times as large cost more in clearing the table than it saved).
        static func capacity(tokens: Int) -> Int {
            var capacity = 16
            while capacity < 2 * tokens { capacity <<= 1 }
            return capacity
        }

        /// The index of the member names of `objects` (all the object tokens of `tape`, as the parser listed
        /// them), or nil when one is escaped or lands beyond ``maximumReach``. It is built in `space` when that
        /// holds ``capacity(tokens:)`` slots, else in an allocation of its own.
        init?(_ tape: Tape, objects: UnsafeBufferPointer<Int32>, bytes: UnsafePointer<UInt8>, space: UnsafeMutableBufferPointer<Slot>) {
            let capacity = Self.capacity(tokens: tape.count)
            let mask = capacity - 1, shift = 64 - capacity.trailingZeroBitCount
            let ownsSlots = capacity > space.count
            let slots = ownsSlots ? UnsafeMutablePointer<Slot>.allocate(capacity: capacity) : space.baseAddress!
            slots.initialize(repeating: Slot(object: 0, name: 0), count: capacity)
            let complete = tape.withUnsafeBufferPointer { tape in
                for object in objects.lazy.map(Int.init) {
                    var i = object + 1
                    let end = Int(tape[object].next)
                    while i < end {
                        let name = tape[i]
                        if name.kind == .escapedString { return false }
                        let home = Self.home(object, name.next, shift: shift)
                        var slot = home
                        while case let other = slots[slot], other.name != 0 {
                            if Int(other.object) == object
                                && JSONDocument.sameName(tape[Int(other.name)], name, in: bytes)
                            {
                                break
                            }  // a duplicate: the later member replaces it
                            slot = (slot &+ 1) & mask
                            if (slot &- home) & mask > Self.maximumReach { return false }
                        }
                        slots[slot] = Slot(object: Int32(truncatingIfNeeded: object), name: Int32(truncatingIfNeeded: i))
                        i = Int(tape[i &+ 1].next)
                    }
                }
                return true
            }
            guard complete else {
                if ownsSlots { slots.deallocate() }
                return nil
            }
            self.slots = slots
            self.ownsSlots = ownsSlots
            self.mask = mask
            self.shift = shift
        }

        /// Frees the slots when they are the index's own.
        func deallocate() { if ownsSlots { slots.deallocate() } }

        /// The slot where a name of `object` with `signature` is looked for first.
        @inlinable @inline(__always)
        func firstSlot(_ object: Int, _ signature: Int32) -> Int { Self.home(object, signature, shift: shift) }

        @inlinable @inline(__always)
        static func home(_ object: Int, _ signature: Int32, shift: Int) -> Int {
            let key = UInt64(truncatingIfNeeded: object) << 32 | UInt64(UInt32(bitPattern: signature))
            return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
        }
    }

    /// Whether two unescaped name tokens spell the same name.
    @inlinable @inline(__always)
    static func sameName(_ a: Token, _ b: Token, in bytes: UnsafePointer<UInt8>) -> Bool {
        a.next == b.next && a.end &- a.start == b.end &- b.start
            && equal(bytes + Int(a.start), bytes + Int(b.start), Int(b.end &- b.start))
    }

    /// Whether two byte buffers are equal (see ``equal(_:_:_:)``).
    @inlinable @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count, let start = a.baseAddress else { return a.count == b.count }
        return equal(start, b.baseAddress, a.count)
    }

    /// Whether `count` bytes at `a` and `b` are equal: eight bytes at a time, the last word overlapping the one
    /// before it (names are short, so a call to `memcmp` would cost more than the comparison).
    @inlinable @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        guard count > 0, let b else { return count == 0 }
        let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
        if count >= 8 {
            var i = 0
            while i &+ 8 < count {  // counts are lengths of buffers in memory: no overflow
                if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
                i &+= 8
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
}
