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

    /// Loads `codebook.json`.
    public init(json: [UInt8], file: String = "codebook.json") throws(RuleSetError) {
        let root = try ConfigReader.root(json, file: file)
        var questions: [Question] = []
        for element in try root.objects("questions") {
            questions.append(
                Question(
                    id: try element.string("id"), question: try element.string("question"),
                    positive: try element.strings("positive").map(TextNormalizer.normalizedBytes),
                    negative: try element.strings("negative").map(TextNormalizer.normalizedBytes)))
        }
        guard questions.map(\.id) == ["PI1", "PI2", "PI3"] else {
            throw RuleSetError(file: file, field: "questions", reason: "must be PI1, PI2, PI3 in that order")
        }
        var themes: [Theme] = []
        for element in try root.objects("themes") {
            themes.append(Theme(theme: try element.string("theme"), phrases: try element.strings("phrases").map(TextNormalizer.normalizedBytes)))
        }
        guard !themes.isEmpty else { throw RuleSetError(file: file, field: "themes", reason: "no themes") }
        self.questions = questions
        self.themes = themes
    }

    /// The theme names in order.
    public var themeNames: [String] { themes.map(\.theme) }
}
