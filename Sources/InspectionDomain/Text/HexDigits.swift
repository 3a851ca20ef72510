/// Hexadecimal digits as ASCII bytes.
enum HexDigits {
    /// `0`–`9`, `a`–`f` for a value below 16.
    @inline(__always)
    static func lower(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

    /// `0`–`9`, `A`–`F` for a value below 16.
    @inline(__always)
    static func upper(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x37 + nibble }
}
