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
}
