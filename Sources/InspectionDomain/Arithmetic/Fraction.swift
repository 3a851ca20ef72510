/// A non-negative exact fraction. Percentages, scores and thresholds are compared exactly (§11),
/// never in binary floating point; publication rounds half-up to one decimal.
///
/// Values are kept in lowest terms in 64 bits, which covers every percentage and nearly every mean; an operation
/// that would overflow moves to arbitrary precision (``BigUInt``), so results stay exact either way.
struct Fraction: Sendable, Comparable {
    private enum Value: Sendable {
        /// In lowest terms; the denominator is positive.
        case small(numerator: UInt64, denominator: UInt64)
        case big(numerator: BigUInt, denominator: BigUInt)
    }

    private let value: Value

    init(_ numerator: Int, _ denominator: Int) {
        precondition(numerator >= 0 && denominator > 0)
        value = Fraction.reduced(UInt64(numerator), UInt64(denominator))
    }

    /// An arbitrary-precision fraction (kept in that form: tests use it to check the 64-bit path against it).
    init(numerator: BigUInt, denominator: BigUInt) {
        precondition(!denominator.isZero)
        value = .big(numerator: numerator, denominator: denominator)
    }

    private init(_ value: Value) { self.value = value }

    private static func reduced(_ numerator: UInt64, _ denominator: UInt64) -> Value {
        let divisor = gcd(numerator, denominator)
        return .small(numerator: numerator / divisor, denominator: denominator / divisor)
    }

    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// The arbitrary-precision form of the value.
    private var wide: (numerator: BigUInt, denominator: BigUInt) {
        switch value {
        case .small(let n, let d): return (BigUInt(n), BigUInt(d))
        case .big(let n, let d): return (n, d)
        }
    }

    /// Whether this value is held in 64 bits (for tests of both paths).
    var isSmall: Bool {
        if case .small = value { return true }
        return false
    }

    /// `percentage` = 100 × yes / (yes + no); nil when yes + no = 0.
    static func percentage(yes: Int, no: Int) -> Fraction? {
        yes + no == 0 ? nil : Fraction(100 * yes, yes + no)
    }

    /// The mean of non-empty fractions.
    static func mean(_ values: [Fraction]) -> Fraction? {
        guard let first = values.first else { return nil }
        var sum = first
        for value in values.dropFirst() { sum = Fraction.sum(sum, value) }
        return sum.divided(by: values.count)
    }

    private static func sum(_ a: Fraction, _ b: Fraction) -> Fraction {
        if case .small(let an, let ad) = a.value, case .small(let bn, let bd) = b.value {
            // a/b + c/d over lcm(b, d): small while everything fits.
            let divisor = gcd(ad, bd)
            let (scaleA, scaleB) = (bd / divisor, ad / divisor)
            let (left, o1) = an.multipliedReportingOverflow(by: scaleA)
            let (right, o2) = bn.multipliedReportingOverflow(by: scaleB)
            let (numerator, o3) = left.addingReportingOverflow(right)
            let (denominator, o4) = ad.multipliedReportingOverflow(by: scaleA)
            if !(o1 || o2 || o3 || o4) { return Fraction(reduced(numerator, denominator)) }
        }
        let (x, y) = (a.wide, b.wide)
        return Fraction(numerator: x.numerator * y.denominator + y.numerator * x.denominator, denominator: x.denominator * y.denominator)
    }

    private func divided(by count: Int) -> Fraction {
        precondition(count > 0)
        if case .small(let n, let d) = value {
            let divisor = Fraction.gcd(n, UInt64(count))
            let (denominator, overflow) = d.multipliedReportingOverflow(by: UInt64(count) / divisor)
            if !overflow { return Fraction(.small(numerator: n / divisor, denominator: denominator)) }
        }
        let (n, d) = wide
        return Fraction(numerator: n, denominator: d * count)
    }

    /// Whether the value is at least the integer `threshold`.
    func isAtLeast(_ threshold: Int) -> Bool { !isBelow(threshold) }

    /// Whether the value is below the integer `threshold`.
    func isBelow(_ threshold: Int) -> Bool {
        precondition(threshold >= 0)
        if case .small(let n, let d) = value {
            let product = d.multipliedFullWidth(by: UInt64(threshold))
            return product.high > 0 || n < product.low
        }
        let (n, d) = wide
        return n < d * threshold
    }

    static func < (a: Fraction, b: Fraction) -> Bool {
        if case .small(let an, let ad) = a.value, case .small(let bn, let bd) = b.value {
            let left = an.multipliedFullWidth(by: bd)
            let right = bn.multipliedFullWidth(by: ad)
            return left.high < right.high || (left.high == right.high && left.low < right.low)
        }
        let (x, y) = (a.wide, b.wide)
        return x.numerator * y.denominator < y.numerator * x.denominator
    }

    static func == (a: Fraction, b: Fraction) -> Bool { !(a < b) && !(b < a) }

    /// The value in tenths, rounded half-up: floor(10·v + ½), i.e. the largest t with 2·den·t ≤ 20·num + den.
    var roundedTenths: Int {
        if case .small(let n, let d) = value {
            let (twenty, o1) = n.multipliedReportingOverflow(by: 20)
            let (target, o2) = twenty.addingReportingOverflow(d)
            let (twoDen, o3) = d.multipliedReportingOverflow(by: 2)
            if !(o1 || o2 || o3), target / twoDen <= UInt64(Int.max) { return Int(target / twoDen) }
        }
        let (numerator, denominator) = wide
        let target = numerator * 20 + denominator
        let twoDen = denominator * 2
        var low = 0
        var high = 1
        while !(target < twoDen * high) { high *= 2 }
        // invariant: twoDen·low ≤ target < twoDen·high
        while high - low > 1 {
            let mid = (low + high) / 2
            if target < twoDen * mid { high = mid } else { low = mid }
        }
        return low
    }

    /// Rounded half-up to one decimal, as a JSON number lexeme (`66.7`, `100.0`).
    var oneDecimal: String {
        let tenths = roundedTenths
        return String(tenths / 10) + "." + String(tenths % 10)
    }
}
