/// A growable byte buffer with cheap appends, owned by one writer (`JSONWriter`, `ChangelogWriter`). It cannot be
/// copied, so it needs no object around its memory. It either owns one allocation, freed when the writer goes
/// away, or writes into memory it was lent (`init(in:)`) until that is full, then moves to an allocation of its own.
struct ByteBuffer: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Whether `base` is this buffer's own allocation; false while it writes into memory it was lent.
    private(set) var owned = true

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    /// A buffer that writes into `memory` (lent, not freed here) until it is full, then moves to its own.
    init(in memory: UnsafeMutableBufferPointer<UInt8>) {
        if let start = memory.baseAddress, memory.count > 0 {
            base = start
            capacity = memory.count
            owned = false
        } else {
            capacity = 64
            base = .allocate(capacity: capacity)
        }
    }

    deinit { if owned { base.deallocate() } }

    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        if owned { base.deallocate() }
        base = newBase
        capacity = newCapacity
        owned = true
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func append(_ literal: StaticString) {
        // `withUTF8Buffer`, not `utf8Start`: a one-character literal may be stored as a scalar, not as bytes.
        literal.withUTF8Buffer { append($0) }
    }

    /// Appends `"name":` for a literal member name with one capacity check.
    @inline(__always)
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

    var last: UInt8? { count == 0 ? nil : base[count - 1] }

    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
