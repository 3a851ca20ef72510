import Foundation
import Testing

@testable import InspectionDomain

@Suite struct InterviewCoderTests {
    let coder: InterviewCoder

    init() throws { coder = InterviewCoder(rules: try Fixtures.rules) }

    func interview(
        kind: InterviewRecorded.Kind = .prisoner, responses: [(String, String)] = [], segments: [(String, String)],
        names: [String] = []
    ) -> InterviewRecorded {
        InterviewRecorded(
            inspectionId: TestEvents.inspectionId, interviewId: "IV-0001", kind: kind, caseFileId: kind == .prisoner ? "CF-0001" : nil,
            conductedOn: CivilDate("2026-03-04")!, participants: names.map { .init(role: nil, name: $0) },
            responses: responses.map { .init(questionId: .init(rawValue: $0.0)!, answer: .init(rawValue: $0.1)!) },
            segments: segments.map { .init(speaker: .init(rawValue: $0.0)!, text: $0.1) })
    }

    func answers(_ i: InterviewRecorded) -> [String] {
        coder.code(i, sourceEventId: "s/1").answers.map { "\($0.questionId)=\($0.answer.rawValue)/\($0.provenance.rawValue)" }
    }

    @Test func phraseSearchAgreesWithANaiveSearch() {
        // Small alphabet so that partial matches, overlaps and matches at both ends are frequent.
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab c".utf8)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let phrase = (0..<Int.random(in: 0...5, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let naive =
                phrase.isEmpty
                || (phrase.count <= text.count
                    && (0...(text.count - phrase.count)).contains { Array(text[$0..<($0 + phrase.count)]) == phrase })
            #expect(
                TextNormalizer.contains(text, phrase) == naive,
                "\(String(decoding: phrase, as: UTF8.self)) in \(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test func structuredResponsesWin() {
        let i = interview(
            responses: [("PI1", "NO"), ("PI2", "UNSURE"), ("PI3", "NO"), ("PI3", "YES")],
            segments: [("PRISONER", "I know my targets. I was involved.")])
        #expect(answers(i) == ["PI1=NO/RESPONSE", "PI2=NO/RESPONSE", "PI3=YES/RESPONSE"])
    }

    @Test func transcriptCounting() {
        let i = interview(segments: [
            ("PRISONER", "Yes, I know my targets."),  // PI1 +
            ("PRISONER", "My targets are maths and a course."),  // PI1 +
            ("PRISONER", "But I don't know my sentence plan really."),  // PI1 both → negative only
            ("INSPECTOR", "Do you know my targets? never asked me"),  // not a prisoner segment
            ("PRISONER", "They never asked me. I Was Involved though."),  // PI2 both → negative
            ("PRISONER", "I see my offender supervisor regularly"),  // PI3 +
            ("PRISONER", "no contact with anyone"),  // PI3 −  → tie
        ])
        #expect(answers(i) == ["PI1=YES/TRANSCRIPT", "PI2=NO/TRANSCRIPT", "PI3=NOT_APPLICABLE/TRANSCRIPT"])
    }

    @Test func curlyQuotesAndCaseFold() {
        let i = interview(segments: [
            ("PRISONER", "I DON’T KNOW MY TARGETS"), ("PRISONER", "I WASN’T INVOLVED"), ("PRISONER", "“My supervisor is helpful”"),
        ])
        #expect(answers(i) == ["PI1=NO/TRANSCRIPT", "PI2=NO/TRANSCRIPT", "PI3=YES/TRANSCRIPT"])
    }

    @Test func noEvidenceIsNotApplicable() {
        #expect(
            answers(interview(segments: [])) == ["PI1=NOT_APPLICABLE/TRANSCRIPT", "PI2=NOT_APPLICABLE/TRANSCRIPT", "PI3=NOT_APPLICABLE/TRANSCRIPT"])
    }

    @Test func staffThemes() {
        let long = "Our caseload is huge. " + String(repeating: "é", count: 300)
        let i = interview(
            kind: .omuPractitionerGroup,
            segments: [
                ("STAFF", "My caseload is too big, too many cases and no time to see Mr Jones."),  // one mention despite three phrases
                ("INSPECTOR", "Tell me about the caseload."),  // not staff
                ("STAFF", "We are OVERSTRETCHED; probation never calls. A1234BC waits."),
                ("STAFF", long),
                ("STAFF", "Caseload again."),
                ("STAFF", "There is a waiting list for every programme."),
            ], names: ["Tom Jones"])
        let coded = coder.code(i, sourceEventId: "s/1")
        #expect(coded.answers.isEmpty)
        #expect(coded.themes.map(\.theme) == ["CASELOAD_PRESSURE", "COMMUNITY_LINKS", "INTERVENTIONS_AVAILABILITY"])
        let caseload = coded.themes[0]
        #expect(caseload.mentions == 4)
        #expect(caseload.quotes.count == 3)
        #expect(caseload.quotes[0] == "My caseload is too big, too many cases and no time to see Mr [REDACTED].")
        #expect(caseload.quotes[1] == "We are OVERSTRETCHED; probation never calls. [REDACTED] waits.")
        #expect(caseload.quotes[2].unicodeScalars.count == 280)
        #expect(coded.themes[1].mentions == 1)
        #expect(coded.themes[2].mentions == 1)
    }

    @Test func processesTheExampleEvent() throws {
        let output = try coder.process(key: TestEvents.key, value: try Fixtures.example("interview.recorded")).get()
        #expect(output.key == Array("INS-2026-MDI-01".utf8))
        let text = String(decoding: output.value, as: UTF8.self)
        #expect(
            text.contains(
                #""data":{"inspectionId":"INS-2026-MDI-01","interviewId":"IV-0001","kind":"PRISONER","caseFileId":"CF-0001","conductedOn":"2026-03-04","answers":[{"questionId":"PI1","answer":"YES","provenance":"RESPONSE"},{"questionId":"PI2","answer":"NOT_APPLICABLE","provenance":"TRANSCRIPT"},{"questionId":"PI3","answer":"NOT_APPLICABLE","provenance":"TRANSCRIPT"}],"themes":[],"sourceEventId":"urn:interview-recording/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c61"}"#
            ))
        #expect(!text.contains("John"))
        #expect(!text.contains("Smith"))
        #expect(TestEvents.parse(output.value)["source"] as? String == "urn:inspection-pipeline:transcript-intake")
    }
}

@Suite struct RedactorTests {
    @Test(arguments: [
        (["John Smith"], "John Smith said John was late; smithson is not SMITH.", "[REDACTED] said [REDACTED] was late; smithson is not [REDACTED]."),
        (["A. Inspector"], "A. Inspector asked a question, inspectors listened.", "[REDACTED] asked a question, inspectors listened."),
        (["Al Li"], "Al Li and Al and Li", "[REDACTED] and Al and Li"),
        (["O'Neil-Smith"], "Neil met o’neil-smith and O'Neil-Smith.", "[REDACTED] met [REDACTED] and [REDACTED]."),
        (["Zoë Brontë"], "ZOË said brontë's book", "[REDACTED] said [REDACTED]'s book"),
        (
            [], "A1234BC, X123456 and 12/394773H, 2012/1Z; not A1234BCD nor XA1234BC nor a1234bc",
            "[REDACTED], [REDACTED] and [REDACTED], [REDACTED]; not A1234BCD nor XA1234BC nor a1234bc"
        ),
        ([], "PNC99/1234567A.", "PNC99/1234567A."),
        ([], "(A1234BC)", "([REDACTED])"),
    ])
    func redacts(_ names: [String], _ text: String, _ expected: String) {
        #expect(Redactor(names: names).redact(text) == expected)
    }

    /// §11: text and names are compared in NFC, and the text that passes is NFC.
    @Test func matchesInNormalizationFormC() {
        let composed = "Jos\u{E9} Mart\u{ED}nez"
        let decomposed = "Jose\u{301} Marti\u{301}nez"
        #expect(Redactor(names: [composed]).redact("Ask \(decomposed) and jose\u{301}.") == "Ask [REDACTED] and [REDACTED].")
        #expect(Redactor(names: [decomposed]).redact("Ask \(composed).") == "Ask [REDACTED].")
        #expect(Redactor(names: []).redact("cafe\u{301} au lait") == "caf\u{E9} au lait", "what passes is NFC")
    }

    /// The linear redactor gives what the scalar-by-scalar reading of §11 gives (longest name at each word start,
    /// then identifiers), on random names and texts built from a small alphabet so that names overlap often.
    @Test func agreesWithTheScalarReadingOfTheRules() {
        var generator = SplitMix(seed: 0x5EED)
        let pieces = [
            "al", "Al", "ali", "Alan", "li", "Lee", "bo", "BOB", "bob's", "o'neil", "O’Neil", "é", "e\u{301}", "A1234BC", "12", "/", "394773H",
            " ", " ", "  ", ", ", "-", ".", "'", "9",
        ]
        for _ in 0..<2_000 {
            func phrase(_ count: Int) -> String { (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined() }
            let names = (0..<Int(generator.next() % 4)).map { _ in phrase(1 + Int(generator.next() % 5)) }
            let text = phrase(Int(generator.next() % 30))
            let expected = ReferenceRedactor(names: names).redact(text)
            #expect(Redactor(names: names).redact(text) == expected, "names \(names), text \(text)")
        }
    }

    /// 200 names sharing an initial and one long STAFF text: every word is looked up once, not once per name.
    @Test func manySimilarNamesAndALongText() {
        let names = (0..<200).map { "Aaron\(String(repeating: "a", count: $0)) Abbott" }
        let text = String(repeating: "aaronaaa met Abbott and aaronb, ", count: 500)
        let redacted = Redactor(names: names).redact(text)
        #expect(redacted == String(repeating: "[REDACTED] met [REDACTED] and aaronb, ", count: 500))
    }

    @Test func cutsToScalarCount() {
        #expect(Redactor.cut(String(repeating: "👍", count: 300)).unicodeScalars.count == 280)
        #expect(Redactor.cut("short") == "short")
    }
}

/// §11's redaction read scalar by scalar, as simply as possible (quadratic; for comparison only): at each word start
/// the longest name (whole, or one of its words of three or more letters) ending at a word boundary, else a prison
/// number, CRN or PNC number.
struct ReferenceRedactor {
    let patterns: [[Unicode.Scalar]]

    init(names: [String]) {
        var patterns = Set<[Unicode.Scalar]>()
        for name in names {
            let folded = name.precomposedStringWithCanonicalMapping.unicodeScalars.map(Redactor.fold)
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
        self.patterns = patterns.sorted { $0.count > $1.count }
    }

    func redact(_ text: String) -> String {
        let scalars = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
        let folded = scalars.map(Redactor.fold)
        let n = scalars.count
        func boundary(_ end: Int) -> Bool { end == n || !Redactor.isWordScalar(scalars[end]) }
        func match(_ i: Int) -> Int? {
            for pattern in patterns where i + pattern.count <= n && Array(folded[i..<(i + pattern.count)]) == pattern && boundary(i + pattern.count) {
                return pattern.count
            }
            if i + 7 <= n && Redactor.isUpper(scalars[i]) && boundary(i + 7) {
                let s = scalars[(i + 1)..<(i + 7)]
                if (s.prefix(4).allSatisfy(Redactor.isDigit) && s.suffix(2).allSatisfy(Redactor.isUpper)) || s.allSatisfy(Redactor.isDigit) {
                    return 7
                }
            }
            var j = i
            while j < n && Redactor.isDigit(scalars[j]) { j += 1 }
            if (j - i == 2 || j - i == 4) && j < n && scalars[j] == "/" {
                var k = j + 1
                while k < n && Redactor.isDigit(scalars[k]) { k += 1 }
                if (1...7).contains(k - j - 1) && k < n && Redactor.isUpper(scalars[k]) && boundary(k + 1) { return k + 1 - i }
            }
            return nil
        }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < n {
            if i == 0 || !Redactor.isWordScalar(scalars[i - 1]), let length = match(i) {
                out.append(contentsOf: Redactor.replacement.unicodeScalars)
                i += length
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }
}
