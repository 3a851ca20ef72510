/// Redaction of §7.3 and §11: participants' names (the whole name and each of its words of three or
/// more letters, case-insensitively, as whole words) and prison numbers, CRNs and PNC numbers
/// (whole words, upper case as their patterns are written) become `[REDACTED]`.
public struct Redactor: Sendable {
    /// The replacement text.
    public static let replacement = "[REDACTED]"
    /// Folded name patterns by their first scalar, each list longest first (whole names before their words):
    /// a word start is compared only with the names that begin like it, so many participants stay cheap.
    private let patterns: [Unicode.Scalar: [[Unicode.Scalar]]]

    /// Creates a redactor for the participants' names.
    public init(names: [String]) {
        var patterns = Set<[Unicode.Scalar]>()
        for name in names {
            let folded = name.unicodeScalars.map(Redactor.fold)
            // The whole name, trimmed of surrounding non-word characters so its edges can sit at word boundaries.
            if let first = folded.firstIndex(where: Redactor.isWordScalar), let last = folded.lastIndex(where: Redactor.isWordScalar) {
                patterns.insert(Array(folded[first...last]))
            }
            var word: [Unicode.Scalar] = []
            for scalar in folded + [" "] {
                if Redactor.isWordScalar(scalar) {
                    word.append(scalar)
                } else {
                    if word.filter(Redactor.isLetter).count >= 3 { patterns.insert(word) }
                    word.removeAll()
                }
            }
        }
        let sorted = patterns.sorted {
            $0.count != $1.count ? $0.count > $1.count : String(String.UnicodeScalarView($0)) < String(String.UnicodeScalarView($1))
        }
        self.patterns = Dictionary(grouping: sorted.filter { !$0.isEmpty }) { $0[0] }
    }

    /// `text` with names and identifiers replaced by `[REDACTED]`.
    public func redact(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let folded = scalars.map(Redactor.fold)
        var out = String.UnicodeScalarView()
        var i = 0
        let n = scalars.count
        while i < n {
            if i == 0 || !Redactor.isWordScalar(scalars[i - 1]) {
                if let length = match(at: i, scalars: scalars, folded: folded) {
                    out.append(contentsOf: Redactor.replacement.unicodeScalars)
                    i += length
                    continue
                }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    /// The length of a name or identifier starting at `i` (a word start) and ending at a word boundary.
    private func match(at i: Int, scalars: [Unicode.Scalar], folded: [Unicode.Scalar]) -> Int? {
        let n = scalars.count
        func boundary(after end: Int) -> Bool { end == n || !Redactor.isWordScalar(scalars[end]) }
        for pattern in patterns[folded[i]] ?? [] where i + pattern.count <= n {
            var k = 0
            while k < pattern.count && folded[i + k] == pattern[k] { k += 1 }
            if k == pattern.count && boundary(after: i + k) { return k }
        }
        // Prison number [A-Z][0-9]{4}[A-Z]{2} and CRN [A-Z][0-9]{6}.
        if i + 7 <= n && Redactor.isUpper(scalars[i]) && boundary(after: i + 7) {
            let s = scalars[(i + 1)..<(i + 7)]
            let prison = s.prefix(4).allSatisfy(Redactor.isDigit) && s.suffix(2).allSatisfy(Redactor.isUpper)
            let crn = s.allSatisfy(Redactor.isDigit)
            if prison || crn { return 7 }
        }
        // PNC: (YY|YYYY)/N{1,7}C.
        var j = i
        while j < n && Redactor.isDigit(scalars[j]) { j += 1 }
        let yearLength = j - i
        if (yearLength == 2 || yearLength == 4) && j < n && scalars[j] == "/" {
            var k = j + 1
            while k < n && Redactor.isDigit(scalars[k]) { k += 1 }
            let serial = k - j - 1
            if serial >= 1 && serial <= 7 && k < n && Redactor.isUpper(scalars[k]) && boundary(after: k + 1) {
                return k + 1 - i
            }
        }
        return nil
    }

    /// Folds curly quotes to straight ones and lowercases (single-scalar mappings).
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x2018, 0x2019: return "'"
        case 0x201C, 0x201D: return "\""
        case 0x41...0x5A: return Unicode.Scalar(scalar.value | 0x20)!
        case 0..<0x80: return scalar
        default:
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            return lower.count == 1 ? lower.first! : scalar
        }
    }

    /// A letter or digit (a word character, §11).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return isLetter(scalar) || scalar.properties.generalCategory == .decimalNumber
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isUpper(_ s: Unicode.Scalar) -> Bool { s.value >= 0x41 && s.value <= 0x5A }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    /// Cuts text to at most `limit` Unicode scalar values.
    public static func cut(_ text: String, to limit: Int = 280) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(limit)))
    }
}
