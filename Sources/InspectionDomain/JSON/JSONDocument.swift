/// (Internal.) A parsed JSON document as a flat token tape over the input, which it holds (an array shares its
/// storage, so nothing is copied): one allocation for a header, the tape, the index and the list of objects, strings and
/// numbers left in place until asked for, and a member index (``MemberIndex``) so lookups never build Strings for
/// keys. The reading methods are ``JSONReading``'s, shared with ``JSONView``.
///
/// Grammar, UTF-8 validation and the depth limit are those of RFC 8259 as `JSONParser` states them.
final class JSONDocument: JSONReading, @unchecked Sendable {  // immutable once parsed; its memory is freed only in `deinit`
    /// One token. Containers know where they end (`next`), so siblings can be skipped.
    struct Token: Sendable, Equatable {
        enum Kind: UInt8, Sendable { case null, falseValue, trueValue, number, string, escapedString, array, object }
        var kind: Kind
        /// Byte range of a scalar's text (strings: between the quotes).
        var start: Int32
        var end: Int32
        /// Containers: the index of the token after the container. Scalars: index + 1. Member names: their
        /// `signature`, so a lookup rejects most other names with one comparison.
        var next: Int32
    }

    /// The memory readers see (``JSONReading``): a header at the start of the tape's allocation, pointing at the
    /// tape, the member index and `input`. All of it is written while parsing and freed in `deinit`.
    let storage: UnsafePointer<JSONStorage>
    /// The input. Held unchanged for the document's life, so its elements stay where the header points.
    private let input: [UInt8]

    /// A reader of this document that does not retain it, for field readers (valid while the document lives).
    var view: JSONView { JSONView(storage: storage) }

    /// Parses a complete document.
    init(_ input: [UInt8]) throws(JSONParseError) {
        self.input = input
        // Token offsets are 32-bit.
        guard input.count < Int(Int32.max) else { throw JSONParseError(offset: 0, reason: "document larger than 2 GiB") }
        // A pointer to the elements outlives this call: `input` is a constant of the document, never mutated or
        // reallocated, so its buffer does not move while the document lives.
        let bytes = input.withUnsafeBufferPointer { $0 }
        // Every token starts at a byte of its own, so a tape of `count + 1` always suffices and is written in place
        // without growing. (Half that holds any valid document, but an unterminated one such as `[[[[1` has a
        // token per byte, and its error must be its own, not a full tape.) Events have far fewer tokens (about
        // one per ten bytes): a tape of an eighth is tried first, so the usual allocation is a few kilobytes
        // rather than sixteen times the input, and a document dense enough to fill it is parsed again.
        var capacity = bytes.count / 8 + 16
        // The first block also holds the member index's slots, sized for a full tape: one allocation per event. A
        // retry's block does not (it would double a block that is already sixteen times the input): its index,
        // sized for the tokens actually found, is allocated on its own.
        var block = Self.allocate(tokens: capacity, indexSlots: MemberIndex.capacity(tokens: capacity))
        var outcome = JSONTapeParser.parse(bytes, into: .init(start: block.tape, count: capacity), objects: block.objects)
        if outcome.overflowed {
            block.header.deallocate()
            capacity = bytes.count + 1
            block = Self.allocate(tokens: capacity, indexSlots: 0)
            outcome = JSONTapeParser.parse(bytes, into: .init(start: block.tape, count: capacity), objects: block.objects)
        }
        if let failure = outcome.failure {
            block.header.deallocate()
            throw failure
        }
        let tokens = Tape(base: block.tape, count: outcome.count)
        let objects = UnsafeBufferPointer(start: block.objects, count: outcome.objectCount)
        // An empty input never parses, so `bytes` has a base address here.
        block.header.initialize(
            to: JSONStorage(
                bytes: bytes, tokens: tokens,
                memberIndex: MemberIndex(tokens, objects: objects, bytes: bytes.baseAddress!, space: block.slots)))
        storage = UnsafePointer(block.header)
    }

    /// One allocation for the header, a tape of `tokens` tokens, `indexSlots` slots for the member index and the
    /// list of object tokens the parser keeps (at most one per token).
    private static func allocate(
        tokens: Int, indexSlots: Int
    ) -> (
        header: UnsafeMutablePointer<JSONStorage>, tape: UnsafeMutablePointer<Token>,
        slots: UnsafeMutableBufferPointer<MemberIndex.Slot>, objects: UnsafeMutablePointer<Int32>
    ) {
        let headerSize =
            (MemoryLayout<JSONStorage>.stride + MemoryLayout<Token>.alignment - 1) / MemoryLayout<Token>.alignment * MemoryLayout<Token>.alignment
        let tapeSize = tokens * MemoryLayout<Token>.stride
        // Tokens and slots are multiples of four bytes with an alignment of four, so each part starts aligned.
        let slotsSize = indexSlots * MemoryLayout<MemberIndex.Slot>.stride
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: headerSize + tapeSize + slotsSize + tokens * MemoryLayout<Int32>.stride,
            alignment: max(MemoryLayout<JSONStorage>.alignment, MemoryLayout<Token>.alignment))
        let tape = (raw + headerSize).bindMemory(to: Token.self, capacity: tokens)
        let slots = (raw + headerSize + tapeSize).bindMemory(to: MemberIndex.Slot.self, capacity: indexSlots)
        let objects = (raw + headerSize + tapeSize + slotsSize).bindMemory(to: Int32.self, capacity: tokens)
        return (raw.bindMemory(to: JSONStorage.self, capacity: 1), tape, .init(start: slots, count: indexSlots), objects)
    }

    deinit {
        storage.pointee.memberIndex?.deallocate()
        UnsafeMutableRawPointer(mutating: storage).deallocate()
    }

    /// One parse into a new array of `capacity` tokens: the tape, or the failure and whether it was running out
    /// of tape (for tests, which compare tapes).
    static func parse(_ bytes: [UInt8], capacity: Int) -> (tokens: [Token], failure: JSONParseError?, overflowed: Bool) {
        var outcome = JSONTapeParser.Outcome(count: 0, failure: nil, overflowed: false)
        let tokens = [Token](unsafeUninitializedCapacity: capacity) { tape, initialized in
            outcome = withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { objects in
                bytes.withUnsafeBufferPointer { JSONTapeParser.parse($0, into: tape, objects: objects.baseAddress!) }
            }
            initialized = outcome.count
        }
        return (tokens, outcome.failure, outcome.overflowed)
    }

    /// The root token index.
    static let root = 0

    static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        var value: UInt32 = 0
        for byte in raw[at..<(at + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: digit = byte - UInt8(ascii: "A") + 10
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// A member name's length and three of its bytes (first, middle, last), packed.
    @inline(__always)
    static func signature(_ base: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        guard length > 0 else { return 0 }
        let packed =
            UInt32(truncatingIfNeeded: length) & 0xFF | UInt32(base[0]) << 8 | UInt32(base[length - 1]) << 16
            | UInt32(base[length / 2]) << 24
        return Int32(bitPattern: packed)
    }

    /// The signature of a member name (0 for the empty name).
    @inline(__always)
    static func signature(of name: UnsafeBufferPointer<UInt8>) -> Int32 {
        name.isEmpty ? 0 : signature(name.baseAddress!, name.count)
    }
}
