/// Whitespace trimming without Foundation: Unicode whitespace (the `White_Space` property).
enum TextTrimming {
    /// Whether the text is empty after trimming Unicode whitespace.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isWhitespace)
    }

    /// ``isBlank(_:)`` of UTF-8 text, judged on its bytes while they are ASCII: nil when a non-ASCII byte comes
    /// before any character that is not whitespace (the text must then be decoded to be judged).
    static func isBlankASCII(_ bytes: Span<UInt8>) -> Bool? {
        for index in bytes.indices {
            let byte = bytes[index]
            if byte >= 0x80 { return nil }
            if !isASCIIWhitespace(byte) { return false }
        }
        return true
    }

    /// The `White_Space` property, answered without the Unicode tables for ASCII (tab to carriage return, and space).
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? isASCIIWhitespace(UInt8(scalar.value)) : scalar.properties.isWhitespace
    }

    /// `White_Space` among ASCII characters: tab to carriage return, and space.
    @inline(__always)
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
