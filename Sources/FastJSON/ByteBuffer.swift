/// (Internal.) A growable byte buffer with cheap appends, owned by one writer (`JSONWriter`, `ByteWriter`). It
/// cannot be copied, so it needs no object around its memory. It either owns one allocation, freed when the writer
/// goes away, or writes into memory it was lent (`init(in:)`) until that is full, then moves to an allocation of
/// its own.
///
/// Its appends are inlinable so that writers in other modules run them inline; its memory never leaves it except
/// as a copy (``array``) or inside a call that lends it for the call's duration.
@usableFromInline
struct ByteBuffer: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var count: Int
    @usableFromInline var capacity: Int
    /// Whether `base` is this buffer's own allocation; false while it writes into memory it was lent.
    @usableFromInline var owned: Bool

    @inlinable
    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
        count = 0
        owned = true
    }

    /// A buffer that writes into `memory` (lent, not freed here) until it is full, then moves to its own.
    @usableFromInline
    init(in memory: UnsafeMutableBufferPointer<UInt8>) {
        count = 0
        if let start = memory.baseAddress, memory.count > 0 {
            base = start
            capacity = memory.count
            owned = false
        } else {
            capacity = 64
            base = .allocate(capacity: capacity)
            owned = true
        }
    }

    @inlinable
    deinit { if owned { base.deallocate() } }

    @inlinable @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @usableFromInline
    mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        if owned { base.deallocate() }
        base = newBase
        capacity = newCapacity
        owned = true
    }

    @inlinable @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inlinable @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inlinable @inline(__always)
    mutating func append(_ literal: StaticString) {
        // `withUTF8Buffer`, not `utf8Start`: a one-character literal may be stored as a scalar, not as bytes.
        literal.withUTF8Buffer { append($0) }
    }

    /// Appends `"name":` for a literal member name with one capacity check.
    @inlinable @inline(__always)
    mutating func appendKey(_ literal: StaticString) {
        literal.withUTF8Buffer { name in
            reserve(name.count + 3)
            let target = base + count
            target[0] = UInt8(ascii: "\"")
            if let source = name.baseAddress { (target + 1).update(from: source, count: name.count) }
            target[name.count + 1] = UInt8(ascii: "\"")
            target[name.count + 2] = UInt8(ascii: ":")
            count += name.count + 3
        }
    }

    /// Appends `count` bytes that `body` writes, lent to it as a span (zeroed first, so it only ever sees
    /// initialised memory).
    @inlinable @inline(__always)
    mutating func append(count extra: Int, _ body: (inout MutableSpan<UInt8>) -> Void) {
        reserve(extra)
        let target = UnsafeMutableBufferPointer(start: base + count, count: extra)
        target.initialize(repeating: 0)
        var span = MutableSpan(_unsafeElements: target)
        body(&span)
        count += extra
    }

    @inlinable
    var last: UInt8? { count == 0 ? nil : base[count - 1] }

    @inlinable
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Whether the `count` bytes written last need no escaping between quotes (for checks in debug builds).
    @usableFromInline
    func lastBytesNeedNoEscaping(_ extra: Int) -> Bool {
        !UnsafeBufferPointer(start: base + count - extra, count: extra).contains {
            $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
        }
    }
}
