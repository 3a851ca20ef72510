/// Whitespace trimming without Foundation.
enum TextTrimming {
    /// Whether the text is empty after trimming Unicode whitespace.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }
}
