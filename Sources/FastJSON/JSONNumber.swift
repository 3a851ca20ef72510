/// A JSON number kept as its lexeme, so enormous numbers lose nothing.
public struct JSONNumber: Sendable, Equatable {
    /// The number exactly as written in the document (RFC 8259 grammar).
    public let lexeme: String

    /// Creates a number from a lexeme that already matches the JSON number grammar.
    public init(lexeme: String) {
        self.lexeme = lexeme
    }

    /// Creates a number from an integer.
    public init(_ value: Int) {
        self.lexeme = String(value)
    }

    /// The value when it is integral and fits in `Int` (`36`, `36.0` and `3.6e1` alike); nil otherwise.
    public var integerValue: Int? {
        var lexeme = lexeme
        if let plain = lexeme.withUTF8(JSONNumber.plainInteger) { return plain }
        return slowIntegerValue
    }

    /// The fast path of ``integerValue``: the value of a plain integer of up to 18 digits (`-?[0-9]+`), else nil.
    @inlinable
    static func plainInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count > 0 && bytes.count <= 18 else { return nil }
        var value = 0
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < bytes.count else { return nil }
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
            index += 1
        }
        return negative ? -value : value
    }

    @usableFromInline
    var slowIntegerValue: Int? {
        var utf8 = lexeme.utf8[...]
        var negative = false
        if utf8.first == UInt8(ascii: "-") { negative = true; utf8 = utf8.dropFirst() }
        // Collect significant digits and the decimal exponent.
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var exponent = 0
        var seenPoint = false
        var rest = utf8
        while let byte = rest.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if byte == UInt8(ascii: ".") { seenPoint = true; continue }
            if digits.isEmpty && byte == UInt8(ascii: "0") {
                if seenPoint { exponent -= 1 }
                continue
            }
            digits.append(byte &- UInt8(ascii: "0"))
            if seenPoint { exponent -= 1 }
        }
        if let byte = rest.first, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            var expNegative = false
            if rest.first == UInt8(ascii: "-") {
                expNegative = true; rest = rest.dropFirst()
            } else if rest.first == UInt8(ascii: "+") {
                rest = rest.dropFirst()
            }
            var e = 0
            for byte in rest {
                e = e * 10 + Int(byte &- UInt8(ascii: "0"))
                if e > 10_000_000 { return digits.isEmpty ? 0 : nil }
            }
            exponent += expNegative ? -e : e
        }
        // Drop trailing zeros of the significand into the exponent.
        while let last = digits.last, last == 0 { digits.removeLast(); exponent += 1 }
        if digits.isEmpty { return 0 }
        if exponent < 0 { return nil }  // a non-zero fractional part
        if digits.count + exponent > 19 { return nil }
        var value: Int = 0
        for d in digits {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(d))
            if o1 || o2 { return nil }
            value = a
        }
        for _ in 0..<exponent {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            if o { return nil }
            value = m
        }
        return negative ? -value : value
    }
}
