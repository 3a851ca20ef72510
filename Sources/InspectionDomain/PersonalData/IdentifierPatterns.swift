/// The identifier patterns of §4 and §4.5 over ASCII bytes (a string's UTF-8 bytes in place: no copy per check).
public enum IdentifierPatterns {
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `^[A-Z0-9][A-Z0-9-]{2,63}$`.
    public static func isID(_ bytes: Span<UInt8>) -> Bool {
        guard bytes.count >= 3 && bytes.count <= 64, isUpper(bytes[0]) || isDigit(bytes[0]) else { return false }
        for i in 1..<bytes.count where !(isUpper(bytes[i]) || isDigit(bytes[i]) || bytes[i] == UInt8(ascii: "-")) { return false }
        return true
    }

    /// `^[A-Z][0-9]{4}[A-Z]{2}$`.
    public static func isPrisonNumber(_ b: Span<UInt8>) -> Bool {
        guard b.count == 7 else { return false }
        return isUpper(b[0]) && isDigit(b[1]) && isDigit(b[2]) && isDigit(b[3]) && isDigit(b[4]) && isUpper(b[5]) && isUpper(b[6])
    }

    /// `^[A-Z][0-9]{6}$`.
    public static func isCRN(_ b: Span<UInt8>) -> Bool {
        guard b.count == 7, isUpper(b[0]) else { return false }
        for i in 1...6 where !isDigit(b[i]) { return false }
        return true
    }

    /// The index of the first `/`, or nil.
    private static func slash(_ b: Span<UInt8>) -> Int? {
        for i in b.indices where b[i] == UInt8(ascii: "/") { return i }
        return nil
    }

    /// `^([0-9]{2}|[0-9]{4})/[0-9]{1,7}[A-Z]$` (shape only).
    public static func isPNCShape(_ b: Span<UInt8>) -> Bool {
        guard let slash = slash(b) else { return false }
        guard slash == 2 || slash == 4 else { return false }
        for i in 0..<slash where !isDigit(b[i]) { return false }
        let restCount = b.count - slash - 1
        guard restCount >= 2 && restCount <= 8, isUpper(b[b.count - 1]) else { return false }
        for i in (slash + 1)..<(b.count - 1) where !isDigit(b[i]) { return false }
        return true
    }

    /// `ZABCDEFGHJKLMNPQRTUVWXY`: the check letter for each remainder.
    private static let pncLetters: [UInt8] = Array("ZABCDEFGHJKLMNPQRTUVWXY".utf8)

    /// The check letter rule of §4.5: (yy · 10⁷ + serial) mod 23 indexes `ZABCDEFGHJKLMNPQRTUVWXY`.
    public static func pncCheckLetterIsValid(_ bytes: Span<UInt8>) -> Bool {
        guard isPNCShape(bytes), let slash = slash(bytes) else { return false }
        let yy = Int(bytes[slash - 2] - 0x30) * 10 + Int(bytes[slash - 1] - 0x30)
        var serial = 0
        for i in (slash + 1)..<(bytes.count - 1) { serial = serial * 10 + Int(bytes[i] - 0x30) }
        let number = yy * 10_000_000 + serial
        return pncLetters[number % 23] == bytes[bytes.count - 1]
    }
}
