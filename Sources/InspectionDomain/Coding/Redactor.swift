import Foundation

/// Redaction of §7.3 and §11: participants' names (the whole name and each of its words of three or
/// more letters, case-insensitively, as whole words) and prison numbers, CRNs and PNC numbers
/// (whole words, upper case as their patterns are written) become `[REDACTED]`.
///
/// Text and names are compared in their NFC normalisation, so a decomposed "José" is the composed one, and the
/// text returned is NFC. The cost is linear in the text's and the names' size, whatever the names: both are cut
/// into tokens (maximal runs of word characters, and the runs between them), each name becomes a sequence of
/// folded tokens, and one Aho–Corasick pass over the text's tokens, read backwards, gives for every word the
/// longest name that starts there. A greedy pass forwards then takes, at each word, the longest name starting
/// there, else an identifier, as the scalar-by-scalar reading of §11 would.
public struct Redactor: Sendable {
    /// The replacement text.
    public static let replacement = "[REDACTED]"

    /// Folded tokens of the names → their ids in the automaton's alphabet.
    private let vocabulary: [ArraySlice<Unicode.Scalar>: Int32]
    /// The names as token-id sequences, reversed, in an Aho–Corasick automaton.
    private let automaton: TokenAutomaton

    /// Creates a redactor for the participants' names.
    public init(names: [String]) {
        var vocabulary: [ArraySlice<Unicode.Scalar>: Int32] = [:]
        var automaton = TokenAutomaton()
        func id(_ token: ArraySlice<Unicode.Scalar>) -> Int32 {
            if let known = vocabulary[token] { return known }
            let next = Int32(vocabulary.count)
            vocabulary[token] = next
            return next
        }
        for name in names {
            let folded = Redactor.normalized(name).unicodeScalars.map(Redactor.fold)
            let tokens = Redactor.tokens(of: folded)
            // The whole name, trimmed of the non-word runs at its edges so that its ends sit at word boundaries.
            guard let first = tokens.firstIndex(where: \.isWord), let last = tokens.lastIndex(where: \.isWord) else { continue }
            automaton.insert(tokens[first...last].reversed().map { id(folded[$0.range]) })
            // Each of its words of three or more letters.
            for token in tokens where token.isWord && folded[token.range].lazy.filter(Redactor.isLetter).count >= 3 {
                automaton.insert([id(folded[token.range])])
            }
        }
        automaton.link()
        self.vocabulary = vocabulary
        self.automaton = automaton
    }

    /// `text`, in NFC, with names and identifiers replaced by `[REDACTED]`.
    public func redact(_ text: String) -> String {
        let scalars = Array(Redactor.normalized(text).unicodeScalars)
        let tokens = Redactor.tokens(of: scalars)
        let longestName = longestNames(in: tokens, scalars: scalars)
        // Built as UTF-8 bytes: appending to a String's scalar view copies the string each time it grows.
        var out: [UInt8] = []
        out.reserveCapacity(scalars.count + scalars.count / 4)
        var t = 0
        while t < tokens.count {
            let token = tokens[t]
            if token.isWord {
                let covered = longestName[t] > 0 ? Int(longestName[t]) : Redactor.identifierTokens(at: t, tokens: tokens, scalars: scalars)
                if covered > 0 {
                    out.append(contentsOf: Redactor.replacement.utf8)
                    t += covered
                    continue
                }
            }
            for scalar in scalars[token.range] { UTF8.encode(scalar) { out.append($0) } }
            t += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// For each token, the number of tokens of the longest name starting there (0 for none): the names are in
    /// the automaton reversed, so reading the text's tokens backwards finds the names that end, in that reading,
    /// at each token, which are the names that start there.
    private func longestNames(in tokens: [Token], scalars: [Unicode.Scalar]) -> [Int32] {
        var longest = [Int32](repeating: 0, count: tokens.count)
        guard !vocabulary.isEmpty else { return longest }
        var folded = scalars
        for index in folded.indices { folded[index] = Redactor.fold(folded[index]) }
        var state = TokenAutomaton.root
        for t in tokens.indices.reversed() {
            let symbol = vocabulary[folded[tokens[t].range]] ?? -1
            state = automaton.step(from: state, on: symbol)
            longest[t] = automaton.longestMatch(at: state)
        }
        return longest
    }

    /// The number of tokens of a prison number, CRN (one word) or PNC number (word, `/`, word) at word token
    /// `t`, or 0: upper case as their patterns are written, whole words.
    private static func identifierTokens(at t: Int, tokens: [Token], scalars: [Unicode.Scalar]) -> Int {
        let word = scalars[tokens[t].range]
        // Prison number [A-Z][0-9]{4}[A-Z]{2} and CRN [A-Z][0-9]{6}.
        if word.count == 7, isUpper(word[word.startIndex]) {
            let rest = word.dropFirst()
            if rest.prefix(4).allSatisfy(isDigit) && rest.suffix(2).allSatisfy(isUpper) { return 1 }
            if rest.allSatisfy(isDigit) { return 1 }
        }
        // PNC: (YY|YYYY)/N{1,7}C.
        guard word.count == 2 || word.count == 4, word.allSatisfy(isDigit), t + 2 < tokens.count else { return 0 }
        let slash = scalars[tokens[t + 1].range]
        guard slash.count == 1, slash.first == "/" else { return 0 }
        let serial = scalars[tokens[t + 2].range]
        guard serial.count >= 2, serial.count <= 8, isUpper(serial[serial.endIndex - 1]), serial.dropLast().allSatisfy(isDigit) else {
            return 0
        }
        return 3
    }

    /// A token: a maximal run of word characters, or of other characters.
    struct Token {
        var range: Range<Int>
        var isWord: Bool
    }

    /// The folded words of `text` (NFC), as the matching compares them.
    public static func words(of text: String) -> [[Unicode.Scalar]] {
        let folded = normalized(text).unicodeScalars.map(fold)
        return tokens(of: folded).filter(\.isWord).map { Array(folded[$0.range]) }
    }

    /// `scalars` cut into alternating word and non-word runs.
    static func tokens(of scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var start = 0
        while start < scalars.count {
            let isWord = isWordScalar(scalars[start])
            var end = start + 1
            while end < scalars.count && isWordScalar(scalars[end]) == isWord { end += 1 }
            tokens.append(Token(range: start..<end, isWord: isWord))
            start = end
        }
        return tokens
    }

    /// The NFC normalisation of `text`. Scalars below U+0300 are never changed by it (no decomposable sequence
    /// or combining mark starts there), so text made of them only is returned as it is.
    static func normalized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x300 }) else { return text }
        return text.precomposedStringWithCanonicalMapping
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

    public static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A }
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
