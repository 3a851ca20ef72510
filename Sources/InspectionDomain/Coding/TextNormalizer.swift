import Foundation

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

    /// Whether `haystack` contains `needle` (both normalised bytes). Candidates for the first byte are found with
    /// `memchr` and checked with `memcmp`, so a phrase costs about one vectorised pass over the text.
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { text in
            needle.withUnsafeBufferPointer { phrase in
                let base = text.baseAddress!
                let lastStart = text.count - phrase.count
                var start = 0
                while start <= lastStart {
                    guard let hit = memchr(base + start, Int32(phrase[0]), lastStart - start + 1) else { return false }
                    let position = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + position + 1, phrase.baseAddress! + 1, phrase.count - 1) == 0 { return true }
                    start = position + 1
                }
                return false
            }
        }
    }

    /// Whether `haystack` contains any of `needles`.
    public static func containsAny(_ haystack: [UInt8], _ needles: [[UInt8]]) -> Bool {
        needles.contains { contains(haystack, $0) }
    }
}
