import Foundation

/// The rule data loaded from `config/`: catalogue, codebook, bank holidays.
public struct RuleSet: Sendable {
    /// The criteria catalogue (`omi-v1.json`).
    public let catalogue: CriteriaCatalogue
    /// The interview codebook (`codebook.json`).
    public let codebook: Codebook
    /// Working days (`bank-holidays-england-wales.txt`).
    public let calendar: WorkingDayCalendar

    /// Builds the rules from the three files' contents; throws a `RuleSetError` naming the file and field on bad data.
    public init(catalogueJSON: [UInt8], codebookJSON: [UInt8], bankHolidaysText: String) throws {
        let catalogue = try CriteriaCatalogue(json: catalogueJSON)
        let codebook = try Codebook(json: codebookJSON)
        for criterion in catalogue.engagementCriteria {
            guard let question = codebook.questions.first(where: { $0.id == criterion.question }) else {
                throw RuleSetError(file: "omi-v1.json", field: "criteria.\(criterion.id).question", reason: "no such question in codebook.json")
            }
            guard question.question == criterion.title else {
                throw RuleSetError(
                    file: "omi-v1.json", field: "criteria.\(criterion.id).title", reason: "differs from codebook.json's \(question.id) question")
            }
        }
        self.catalogue = catalogue
        self.codebook = codebook
        self.calendar = try WorkingDayCalendar(bankHolidaysText: bankHolidaysText)
    }

    /// Reads `omi-v1.json`, `codebook.json` and `bank-holidays-england-wales.txt` from a directory.
    public static func load(fromDirectory path: String) throws -> RuleSet {
        func read(_ name: String) throws -> [UInt8] {
            let url = URL(fileURLWithPath: path).appendingPathComponent(name)
            do {
                return [UInt8](try Data(contentsOf: url))
            } catch {
                throw RuleSetError(file: name, field: "(file)", reason: "cannot read \(url.path): \(error.localizedDescription)")
            }
        }
        let holidays = try read("bank-holidays-england-wales.txt")
        return try RuleSet(
            catalogueJSON: try read("omi-v1.json"), codebookJSON: try read("codebook.json"),
            bankHolidaysText: String(decoding: holidays, as: UTF8.self))
    }
}
