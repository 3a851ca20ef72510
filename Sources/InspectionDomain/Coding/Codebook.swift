/// The interview codebook (`config/codebook.json`): §7.1 question phrases and §7.2 theme phrases.
public struct Codebook: Sendable {
    /// One prisoner engagement question.
    public struct Question: Sendable, Equatable {
        /// `PI1` … `PI3`.
        public let id: String
        /// The question text (the title of the matching EN criterion).
        public let question: String
        /// Phrases counting for YES, already normalised (lowercased, quotes folded).
        public let positive: [[UInt8]]
        /// Phrases counting for NO, already normalised.
        public let negative: [[UInt8]]
    }

    /// One staff theme.
    public struct Theme: Sendable, Equatable {
        /// e.g. `CASELOAD_PRESSURE`.
        public let theme: String
        /// Phrases, already normalised.
        public let phrases: [[UInt8]]
    }

    /// The questions in order PI1, PI2, PI3.
    public let questions: [Question]
    /// The themes in §7.2 order.
    public let themes: [Theme]

    /// `codebook.json` as written.
    private struct File: Decodable {
        struct QuestionEntry: Decodable {
            var id: String
            var question: String
            var positive: [String]
            var negative: [String]
        }

        struct ThemeEntry: Decodable {
            var theme: String
            var phrases: [String]
        }

        var questions: [QuestionEntry]
        var themes: [ThemeEntry]
    }

    /// Loads `codebook.json`.
    public init(json: [UInt8], file: String = "codebook.json") throws(RuleSetError) {
        let document = try ConfigDecoding.decode(File.self, from: json, file: file)
        let questions = document.questions.map { entry in
            Question(
                id: entry.id, question: entry.question, positive: entry.positive.map(TextNormalizer.normalizedBytes),
                negative: entry.negative.map(TextNormalizer.normalizedBytes))
        }
        guard questions.map(\.id) == ["PI1", "PI2", "PI3"] else {
            throw RuleSetError(file: file, field: "questions", reason: "must be PI1, PI2, PI3 in that order")
        }
        let themes = document.themes.map { Theme(theme: $0.theme, phrases: $0.phrases.map(TextNormalizer.normalizedBytes)) }
        guard !themes.isEmpty else { throw RuleSetError(file: file, field: "themes", reason: "no themes") }
        self.questions = questions
        self.themes = themes
    }

    /// The theme names in order.
    public var themeNames: [String] { themes.map(\.theme) }
}
