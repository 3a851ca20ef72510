import Foundation
import InspectionDomain
import Testing

/// Loading the three files together (`RuleSet`): the catalogue's engagement criteria agree with the codebook.
@Suite struct RuleSetLoadingTests {
    func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.configDirectory).appendingPathComponent(name)))
    }

    func failure(catalogue: [UInt8], codebook: [UInt8]) -> Error? {
        do {
            _ = try RuleSet(catalogueJSON: catalogue, codebookJSON: codebook, bankHolidaysText: "2026-04-03\n")
            return nil
        } catch {
            return error
        }
    }

    @Test func theRealFilesLoad() throws {
        let rules = try RuleSet.load(fromDirectory: Fixtures.configDirectory)
        #expect(rules.catalogue.criteria.count == 18)
        #expect(rules.codebook.questions.count == 3)
        #expect(!rules.calendar.isWorkingDay(CivilDate("2026-04-03")!))
    }

    @Test func anEngagementCriterionNamesACodebookQuestionWithItsTitle() throws {
        var text = try CatalogueText()
        let en2 = text.index(of: "EN2")
        text.criteria[en2] = #"{"id":"EN2","area":"EN","title":"Was involved in drawing up their sentence plan","question":"PI9"}"#
        #expect(
            failure(catalogue: text.bytes, codebook: try bytes("codebook.json")) as? RuleSetError
                == RuleSetError(file: "omi-v1.json", field: "criteria.EN2.question", reason: "no such question in codebook.json"))
        text.criteria[en2] = #"{"id":"EN2","area":"EN","title":"Another title","question":"PI2"}"#
        #expect(
            failure(catalogue: text.bytes, codebook: try bytes("codebook.json")) as? RuleSetError
                == RuleSetError(file: "omi-v1.json", field: "criteria.EN2.title", reason: "differs from codebook.json's PI2 question"))
    }

    @Test func aFaultInEitherFileNamesThatFile() throws {
        let catalogue = try bytes("omi-v1.json")
        #expect((failure(catalogue: catalogue, codebook: Array(#"{"questions":[]}"#.utf8)) as? RuleSetError)?.file == "codebook.json")
        #expect((failure(catalogue: Array("{}".utf8), codebook: try bytes("codebook.json")) as? RuleSetError)?.file == "omi-v1.json")
    }

    @Test func aMissingDirectoryNamesTheFile() {
        do {
            _ = try RuleSet.load(fromDirectory: "/nonexistent/config")
            Issue.record("loaded")
        } catch let error as RuleSetError {
            #expect(error.field == "(file)")
            #expect(error.reason.contains("/nonexistent/config"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
