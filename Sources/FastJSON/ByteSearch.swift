// `memchr` and `memcmp` through Foundation, not Glibc: declared through Glibc, the optimiser keeps each needle
// retained around the calls (one retain and release per phrase on the transcript intake's path).
import Foundation

/// Searching raw bytes for a short phrase: candidates found with `memchr`, each checked with `memcmp`, so a phrase
/// costs about one vectorised pass over the text.
public enum ByteSearch {
    /// Whether `haystack` contains `needle` (candidates for its first byte).
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        return contains(needle, in: haystack, pivot: 0)
    }

    /// Whether `haystack` contains any of `needles`.
    public static func containsAny(_ haystack: [UInt8], _ needles: [[UInt8]]) -> Bool {
        needles.contains { contains(haystack, $0) }
    }

    /// Whether `phrase` occurs in `text`: candidates for `phrase[pivot]` (pick its rarest byte) found with `memchr`,
    /// each compared with `memcmp`.
    public static func contains(_ phrase: [UInt8], in text: [UInt8], pivot: Int) -> Bool {
        precondition(phrase.indices.contains(pivot), "the pivot is a position in the phrase")
        guard text.count >= phrase.count else { return false }
        return text.withUnsafeBufferPointer { text in
            phrase.withUnsafeBufferPointer { phrase in
                guard let base = text.baseAddress, let phraseBase = phrase.baseAddress else { return false }
                var start = pivot
                let last = text.count - phrase.count + pivot
                while start <= last {
                    guard let hit = memchr(base + start, Int32(phrase[pivot]), last - start + 1) else { return false }
                    let candidate = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit)) - pivot
                    if memcmp(base + candidate, phraseBase, phrase.count) == 0 { return true }
                    start = candidate + pivot + 1
                }
                return false
            }
        }
    }
}
