/// The identifier patterns of §4 and §4.5 over ASCII bytes.
public enum IdentifierPatterns {
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `^[A-Z0-9][A-Z0-9-]{2,63}$`.
    public static func isID(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 3 && bytes.count <= 64, isUpper(bytes[0]) || isDigit(bytes[0]) else { return false }
        for b in bytes.dropFirst() where !(isUpper(b) || isDigit(b) || b == UInt8(ascii: "-")) { return false }
        return true
    }

    /// `^[A-Z][0-9]{4}[A-Z]{2}$`.
    public static func isPrisonNumber(_ b: ArraySlice<UInt8>) -> Bool {
        guard b.count == 7 else { return false }
        let s = b.startIndex
        return isUpper(b[s]) && isDigit(b[s + 1]) && isDigit(b[s + 2]) && isDigit(b[s + 3]) && isDigit(b[s + 4]) && isUpper(b[s + 5]) && isUpper(b[s + 6])
    }

    /// `^[A-Z][0-9]{6}$`.
    public static func isCRN(_ b: ArraySlice<UInt8>) -> Bool {
        guard b.count == 7 else { return false }
        let s = b.startIndex
        guard isUpper(b[s]) else { return false }
        for i in 1...6 where !isDigit(b[s + i]) { return false }
        return true
    }

    /// `^([0-9]{2}|[0-9]{4})/[0-9]{1,7}[A-Z]$` (shape only).
    public static func isPNCShape(_ b: ArraySlice<UInt8>) -> Bool {
        guard let slash = b.firstIndex(of: UInt8(ascii: "/")) else { return false }
        let year = b[b.startIndex..<slash]
        guard year.count == 2 || year.count == 4, year.allSatisfy(isDigit) else { return false }
        let rest = b[(slash + 1)...]
        guard rest.count >= 2 && rest.count <= 8, let last = rest.last, isUpper(last) else { return false }
        return rest.dropLast().allSatisfy(isDigit)
    }

    static let pncLetters: [UInt8] = Array("ZABCDEFGHJKLMNPQRTUVWXY".utf8)

    /// The check letter rule of §4.5: (yy · 10⁷ + serial) mod 23 indexes `ZABCDEFGHJKLMNPQRTUVWXY`.
    public static func pncCheckLetterIsValid(_ bytes: [UInt8]) -> Bool {
        guard isPNCShape(bytes[...]), let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return false }
        let yy = Int(bytes[slash - 2] - 0x30) * 10 + Int(bytes[slash - 1] - 0x30)
        var serial = 0
        for b in bytes[(slash + 1)..<(bytes.count - 1)] { serial = serial * 10 + Int(b - 0x30) }
        let number = yy * 10_000_000 + serial
        return pncLetters[number % 23] == bytes[bytes.count - 1]
    }
}
