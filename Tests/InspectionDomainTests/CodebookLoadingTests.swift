import Foundation
import Testing

@testable import InspectionDomain

/// Loading `codebook.json`: phrases normalised, every fault naming the file and the field path.
@Suite struct CodebookLoadingTests {
    static let questions = [
        #"{"id":"PI1","question":"Q1","positive":["Know my PLAN"],"negative":["Don’t know"]}"#,
        #"{"id":"PI2","question":"Q2","positive":[],"negative":[]}"#,
        #"{"id":"PI3","question":"Q3","positive":["a"],"negative":["b"]}"#,
    ]
    static let themes = [#"{"theme":"CASELOAD_PRESSURE","phrases":["Caseload","No time to"]}"#]

    func text(questions: [String] = Self.questions, themes: [String] = Self.themes) -> String {
        #"{"description":"test","questions":[\#(questions.joined(separator: ","))],"themes":[\#(themes.joined(separator: ","))]}"#
    }

    func failure(_ text: String) -> RuleSetError? {
        do {
            _ = try Codebook(json: Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    func failure(question index: Int, _ replacement: String) -> RuleSetError? {
        var questions = Self.questions
        questions[index] = replacement
        return failure(text(questions: questions))
    }

    @Test func theRealCodebookLoads() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.configDirectory).appendingPathComponent("codebook.json")))
        let codebook = try Codebook(json: bytes)
        #expect(codebook.questions.map(\.id) == ["PI1", "PI2", "PI3"])
        #expect(codebook.questions[0].question == "Knows their sentence plan objectives")
        #expect(codebook.questions[0].positive.first == Array("know my sentence plan".utf8))
        #expect(
            codebook.themeNames == ["CASELOAD_PRESSURE", "TRAINING_AND_SUPERVISION", "CASE_RECORDS", "COMMUNITY_LINKS", "INTERVENTIONS_AVAILABILITY"])
    }

    @Test func phrasesAreNormalised() throws {
        let codebook = try Codebook(json: Array(text().utf8))
        #expect(
            codebook.questions[0]
                == Codebook.Question(id: "PI1", question: "Q1", positive: [Array("know my plan".utf8)], negative: [Array("don't know".utf8)]))
        #expect(codebook.questions[1].positive.isEmpty)
        #expect(codebook.themes == [Codebook.Theme(theme: "CASELOAD_PRESSURE", phrases: [Array("caseload".utf8), Array("no time to".utf8)])])
    }

    @Test func theQuestionsArePI1ToPI3InOrderAndThereAreThemes() {
        let swapped = [Self.questions[1], Self.questions[0], Self.questions[2]]
        let order = RuleSetError(file: "codebook.json", field: "questions", reason: "must be PI1, PI2, PI3 in that order")
        #expect(failure(text(questions: swapped)) == order)
        #expect(failure(text(questions: Array(Self.questions.prefix(2)))) == order)
        #expect(failure(text(themes: [])) == RuleSetError(file: "codebook.json", field: "themes", reason: "no themes"))
    }

    @Test func aDocumentThatIsNotJSONOrNotAnObject() {
        let broken = failure(#"{"questions":["#)
        #expect(broken?.file == "codebook.json")
        #expect(broken?.field == "(document)")
        #expect(broken?.reason.hasPrefix("not JSON") == true, "\(String(describing: broken))")
        #expect(failure(#""PI1""#) == RuleSetError(file: "codebook.json", field: "(document)", reason: "not an object"))
    }

    @Test func listsAreArraysOfObjects() {
        #expect(failure(#"{"themes":[]}"#)?.field == "questions")
        #expect(failure(#"{"questions":{},"themes":[]}"#) == RuleSetError(file: "codebook.json", field: "questions", reason: "expected an array"))
        #expect(failure(question: 1, "[]") == RuleSetError(file: "codebook.json", field: "questions[1]", reason: "expected an object"))
        #expect(failure(text(themes: [#""CASELOAD""#])) == RuleSetError(file: "codebook.json", field: "themes[0]", reason: "expected an object"))
        #expect(failure(#"{"questions":[\#(Self.questions.joined(separator: ","))]}"#)?.field == "themes")
    }

    @Test func questionFieldsAreNamedWithTheirIndex() {
        let noID = failure(question: 1, #"{"question":"Q2","positive":[],"negative":[]}"#)
        #expect(noID?.field == "questions[1].id")
        #expect(noID?.reason.contains("missing") == true, "\(String(describing: noID))")
        #expect(
            failure(question: 1, #"{"id":"PI2","question":2,"positive":[],"negative":[]}"#)
                == RuleSetError(file: "codebook.json", field: "questions[1].question", reason: "expected a string"))
        #expect(failure(question: 2, #"{"id":"PI3","question":"Q3","positive":[]}"#)?.field == "questions[2].negative")
        let notList = failure(question: 1, #"{"id":"PI2","question":"Q2","positive":"yes","negative":[]}"#)
        #expect(notList?.field == "questions[1].positive")
        #expect(notList?.reason.hasPrefix("expected an array") == true, "\(String(describing: notList))")
        let notText = failure(question: 1, #"{"id":"PI2","question":"Q2","positive":["yes",3],"negative":[]}"#)
        #expect(notText?.field.hasPrefix("questions[1].positive") == true, "\(String(describing: notText))")
        #expect(notText?.reason.hasPrefix("expected a") == true, "\(String(describing: notText))")
    }

    @Test func themeFieldsAreNamedWithTheirIndex() {
        let second = #"{"theme":"CASE_RECORDS","phrases":["two systems"]}"#
        #expect(failure(text(themes: Self.themes + [#"{"phrases":[]}"#]))?.field == "themes[1].theme")
        #expect(failure(text(themes: [second, #"{"theme":"X"}"#]))?.field == "themes[1].phrases")
        #expect(
            failure(text(themes: [#"{"theme":"X","phrases":[null]}"#]))?.field.hasPrefix("themes[0].phrases") == true)
    }
}
