/// A small arbitrary-precision unsigned integer: just enough for exact fractions
/// (add, multiply, compare). Little-endian 32-bit limbs, no leading zero limbs.
struct BigUInt: Sendable, Equatable, Comparable {
    private(set) var limbs: [UInt32]

    init(_ value: Int) {
        precondition(value >= 0)
        self.init(UInt64(value))
    }

    init(_ value: UInt64) {
        var v = value
        var limbs: [UInt32] = []
        while v > 0 { limbs.append(UInt32(truncatingIfNeeded: v)); v >>= 32 }
        self.limbs = limbs
    }

    private init(limbs: [UInt32]) {
        var limbs = limbs
        while limbs.last == 0 { limbs.removeLast() }
        self.limbs = limbs
    }

    var isZero: Bool { limbs.isEmpty }

    static func + (a: BigUInt, b: BigUInt) -> BigUInt {
        var result: [UInt32] = []
        result.reserveCapacity(max(a.limbs.count, b.limbs.count) + 1)
        var carry: UInt64 = 0
        for i in 0..<max(a.limbs.count, b.limbs.count) {
            let sum = UInt64(i < a.limbs.count ? a.limbs[i] : 0) + UInt64(i < b.limbs.count ? b.limbs[i] : 0) + carry
            result.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry > 0 { result.append(UInt32(carry)) }
        return BigUInt(limbs: result)
    }

    static func * (a: BigUInt, b: BigUInt) -> BigUInt {
        if a.isZero || b.isZero { return BigUInt(0) }
        var result = [UInt32](repeating: 0, count: a.limbs.count + b.limbs.count)
        for i in 0..<a.limbs.count {
            var carry: UInt64 = 0
            let ai = UInt64(a.limbs[i])
            for j in 0..<b.limbs.count {
                let t = ai * UInt64(b.limbs[j]) + UInt64(result[i + j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            var k = i + b.limbs.count
            while carry > 0 {
                let t = UInt64(result[k]) + carry
                result[k] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
                k += 1
            }
        }
        return BigUInt(limbs: result)
    }

    static func * (a: BigUInt, b: Int) -> BigUInt { a * BigUInt(b) }

    static func < (a: BigUInt, b: BigUInt) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        var i = a.limbs.count
        while i > 0 {
            i -= 1
            if a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] }
        }
        return false
    }
}
