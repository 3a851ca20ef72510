/// A parsed JSON document as a flat token tape over the input, which it holds (an array shares its storage, so
/// nothing is copied): one allocation for the tape, the member index's slots and the list of objects; strings and
/// numbers left in place until asked for; and a member index (``MemberIndex``) so lookups never build Strings for
/// keys. The reading methods are in `JSONDocument+Reading.swift`.
///
/// Readers get token indexes, values, Strings, or a token's bytes as a `Span` lent for the length of a call: no
/// pointer to the document's memory leaves it. The input's elements are reached only inside its
/// `withUnsafeBufferPointer`, and the tape's block is the document's own, freed in `deinit`.
///
/// Grammar, UTF-8 validation and the depth limit are those of RFC 8259 as `JSONParser` states them.
public final class JSONDocument: @unchecked Sendable {  // immutable once parsed; its memory is freed only in `deinit`
    /// One token. Containers know where they end (`next`), so siblings can be skipped.
    public struct Token: Sendable, Equatable {
        /// What a token is.
        public enum Kind: UInt8, Sendable { case null, falseValue, trueValue, number, string, escapedString, array, object }
        public var kind: Kind
        /// Byte range of a scalar's text (strings: between the quotes).
        public var start: Int32
        public var end: Int32
        /// Containers: the index of the token after the container. Scalars: index + 1. Member names: their
        /// `signature`, so a lookup rejects most other names with one comparison.
        public var next: Int32

        @inlinable
        public init(kind: Kind, start: Int32, end: Int32, next: Int32) {
            self.kind = kind
            self.start = start
            self.end = end
            self.next = next
        }
    }

    /// The input, held unchanged for the document's life.
    @usableFromInline let input: [UInt8]
    /// The tape; token 0 is the root. Its memory is in `block`.
    @usableFromInline let tokens: Tape
    /// The member index, nil when lookups walk the objects (see `JSONDocument+MemberIndex.swift`).
    @usableFromInline let memberIndex: MemberIndex?
    /// The tape, the index's slots and the object list, in one allocation freed in `deinit`.
    private let block: UnsafeMutableRawPointer

    /// Parses a complete document.
    public init(_ input: [UInt8]) throws(JSONParseError) {
        // Token offsets are 32-bit.
        guard input.count < Int(Int32.max) else { throw JSONParseError(offset: 0, reason: "document larger than 2 GiB") }
        // The input's elements are read only within this call (and within the reading methods' own calls): no
        // pointer to them outlives it.
        switch input.withUnsafeBufferPointer({ Self.build($0) }) {
        case .failure(let failure):
            throw failure
        case .success(let built):
            self.input = input
            tokens = built.tokens
            memberIndex = built.index
            block = built.block
        }
    }

    /// The tape and the member index of `bytes`, in a block of their own.
    private static func build(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) -> Result<(tokens: Tape, index: MemberIndex?, block: UnsafeMutableRawPointer), JSONParseError> {
        // Every token starts at a byte of its own, so a tape of `count + 1` always suffices and is written in place
        // without growing. (Half that holds any valid document, but an unterminated one such as `[[[[1` has a
        // token per byte, and its error must be its own, not a full tape.) Events have far fewer tokens (about
        // one per ten bytes): a tape of an eighth is tried first, so the usual allocation is a few kilobytes
        // rather than sixteen times the input, and a document dense enough to fill it is parsed again.
        var capacity = bytes.count / 8 + 16
        // The first block also holds the member index's slots, sized for a full tape: one allocation per event. A
        // retry's block does not (it would double a block that is already sixteen times the input): its index,
        // sized for the tokens actually found, is allocated on its own.
        var block = allocate(tokens: capacity, indexSlots: MemberIndex.capacity(tokens: capacity))
        var outcome = JSONTapeParser.parse(bytes, into: .init(start: block.tape, count: capacity), objects: block.objects)
        if outcome.overflowed {
            block.raw.deallocate()
            capacity = bytes.count + 1
            block = allocate(tokens: capacity, indexSlots: 0)
            outcome = JSONTapeParser.parse(bytes, into: .init(start: block.tape, count: capacity), objects: block.objects)
        }
        if let failure = outcome.failure {
            block.raw.deallocate()
            return .failure(failure)
        }
        let tokens = Tape(base: block.tape, count: outcome.count)
        let objects = UnsafeBufferPointer(start: block.objects, count: outcome.objectCount)
        // An empty input never parses, so `bytes` has a base address here.
        let index = MemberIndex(tokens, objects: objects, bytes: bytes.baseAddress!, space: block.slots)
        return .success((tokens, index, block.raw))
    }

    /// One allocation for a tape of `tokens` tokens, `indexSlots` slots for the member index and the list of
    /// object tokens the parser keeps (at most one per token).
    private static func allocate(
        tokens: Int, indexSlots: Int
    ) -> (
        raw: UnsafeMutableRawPointer, tape: UnsafeMutablePointer<Token>, slots: UnsafeMutableBufferPointer<MemberIndex.Slot>,
        objects: UnsafeMutablePointer<Int32>
    ) {
        let tapeSize = tokens * MemoryLayout<Token>.stride
        // Tokens and slots are multiples of four bytes with an alignment of four, so each part starts aligned.
        let slotsSize = indexSlots * MemoryLayout<MemberIndex.Slot>.stride
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: tapeSize + slotsSize + tokens * MemoryLayout<Int32>.stride, alignment: MemoryLayout<Token>.alignment)
        let tape = raw.bindMemory(to: Token.self, capacity: tokens)
        let slots = (raw + tapeSize).bindMemory(to: MemberIndex.Slot.self, capacity: indexSlots)
        let objects = (raw + tapeSize + slotsSize).bindMemory(to: Int32.self, capacity: tokens)
        return (raw, tape, .init(start: slots, count: indexSlots), objects)
    }

    deinit {
        memberIndex?.deallocate()
        block.deallocate()
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

    /// The input as a span, borrowed from the document: its array is a constant of the document, so its elements
    /// stay where they are while the document lives (this is how `Array.span` itself is made).
    @inlinable
    var inputSpan: Span<UInt8> {
        @_lifetime(borrow self)
        get {
            // A parsed input is never empty, so it has a base address.
            let span = Span(_unsafeStart: UnsafePointer(input._baseAddressIfContiguous!), count: input.count)
            return _overrideLifetime(span, borrowing: self)
        }
    }

    /// The tape as a span, borrowed from the document, which owns the tape's memory until it goes away.
    @inlinable
    var tokenSpan: Span<Token> {
        @_lifetime(borrow self)
        get { _overrideLifetime(Span(_unsafeStart: UnsafePointer(tokens.base), count: tokens.count), borrowing: self) }
    }

    /// The root token index.
    @inlinable
    public static var root: Int { 0 }

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
    @inlinable @inline(__always)
    static func signature(_ base: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        guard length > 0 else { return 0 }
        let packed =
            UInt32(truncatingIfNeeded: length) & 0xFF | UInt32(base[0]) << 8 | UInt32(base[length - 1]) << 16
            | UInt32(base[length / 2]) << 24
        return Int32(bitPattern: packed)
    }

    /// The signature of a member name (0 for the empty name).
    @inlinable @inline(__always)
    static func signature(of name: UnsafeBufferPointer<UInt8>) -> Int32 {
        name.isEmpty ? 0 : signature(name.baseAddress!, name.count)
    }
}
