/// A non-negative exact fraction. Percentages, scores and thresholds are compared exactly (§11),
/// never in binary floating point; publication rounds half-up to one decimal.
struct Fraction: Sendable, Comparable {
    let numerator: BigUInt
    let denominator: BigUInt

    init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator > 0)
        self.numerator = BigUInt(numerator)
        self.denominator = BigUInt(denominator)
    }

    init(numerator: BigUInt, denominator: BigUInt) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// `percentage` = 100 × yes / (yes + no); nil when yes + no = 0.
    static func percentage(yes: Int, no: Int) -> Fraction? {
        yes + no == 0 ? nil : Fraction(100 * yes, yes + no)
    }

    /// The mean of non-empty fractions.
    static func mean(_ values: [Fraction]) -> Fraction? {
        guard var sum = values.first else { return nil }
        for value in values.dropFirst() {
            sum = Fraction(numerator: sum.numerator * value.denominator + value.numerator * sum.denominator,
                           denominator: sum.denominator * value.denominator)
        }
        return Fraction(numerator: sum.numerator, denominator: sum.denominator * values.count)
    }

    /// Whether the value is at least the integer `threshold`.
    func isAtLeast(_ threshold: Int) -> Bool { !(numerator < denominator * threshold) }

    /// Whether the value is below the integer `threshold`.
    func isBelow(_ threshold: Int) -> Bool { numerator < denominator * threshold }

    static func < (a: Fraction, b: Fraction) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    static func == (a: Fraction, b: Fraction) -> Bool {
        a.numerator * b.denominator == b.numerator * a.denominator
    }

    /// The value in tenths, rounded half-up: floor(10·v + ½), i.e. the largest t with 2·den·t ≤ 20·num + den.
    var roundedTenths: Int {
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
