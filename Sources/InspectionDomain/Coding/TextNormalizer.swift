import FastJSON

/// Text normalisation for matching (§11 "Text"): curly quotes folded (‘ ’ → ', “ ” → "),
/// then Unicode lowercasing. Matching is then a byte-level substring search over UTF-8.
public enum TextNormalizer {
    /// The normalised UTF-8 bytes of `text`.
    public static func normalizedBytes(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 { ascii = false; break }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        if ascii { return bytes }
        bytes.removeAll(keepingCapacity: true)
        for scalar in text.lowercased().unicodeScalars {
            switch scalar.value {
            case 0x2018, 0x2019: bytes.append(UInt8(ascii: "'"))
            case 0x201C, 0x201D: bytes.append(UInt8(ascii: "\""))
            default: bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }

    /// Whether `haystack` contains `needle` (both normalised bytes): about one vectorised pass over the text
    /// (`ByteSearch`).
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        ByteSearch.contains(haystack, needle)
    }

    /// Whether `haystack` contains any of `needles`.
    public static func containsAny(_ haystack: [UInt8], _ needles: [[UInt8]]) -> Bool {
        ByteSearch.containsAny(haystack, needles)
    }
}
