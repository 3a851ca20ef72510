import Testing

@testable import InspectionDomain

struct TextTrimmingTests {
    @Test func asciiShortcutAgreesWithTheUnicodeProperty() {
        for value in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(TextTrimming.isWhitespace(scalar) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }

    @Test(arguments: [("", true), (" \t\n\r\u{0B}\u{0C}", true), ("\u{85}\u{A0}\u{2003}\u{3000}", true), (" x ", false), ("\u{200B}", false)])
    func blankText(text: String, blank: Bool) {
        #expect(TextTrimming.isBlank(text) == blank)
    }

    @Test(arguments: ["", " \t\n", "x", " x", "\u{A0}", " \u{A0}", "x\u{A0}", "\u{A0}x", "\u{3000} ", " é", "\u{85}\u{2003}"])
    func bytesAgreeWithText(text: String) {
        let judged = text.withUTF8Bytes { TextTrimming.isBlankASCII($0) }
        // Undecided exactly when a non-ASCII character comes before any non-whitespace; never wrong when decided.
        let deciding = text.unicodeScalars.first { $0.value >= 0x80 || !TextTrimming.isWhitespace($0) }
        #expect((judged == nil) == (deciding.map { $0.value >= 0x80 } ?? false))
        if let judged { #expect(judged == TextTrimming.isBlank(text)) }
    }
}
