import Foundation
import InspectionDomain
import Testing

/// `omi-v1.json` as a test builds it: the real criteria (each entry raw JSON text, so a test can put any text in
/// its place) and thresholds.
struct CatalogueText {
    /// One criterion as the file spells it.
    private struct Entry: Encodable {
        var id, area, title: String
        var inspectorOnly: Bool
        var question: String?
    }

    var framework = #""omi-v1""#
    var thresholds: String? =
        #"{"sufficientEvidence":5,"good":80,"reasonablyGood":65,"notSufficientlyGood":50,"criterionCap":50,"recommendationBelow":65,"goodPracticeAtLeast":90}"#
    var criteria: [String]

    /// The criteria of the real catalogue.
    init() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        criteria = try CatalogueText.real().criteria.map { criterion in
            let entry = Entry(
                id: criterion.id, area: criterion.area.rawValue, title: criterion.title, inspectorOnly: criterion.inspectorOnly,
                question: criterion.question)
            return String(decoding: try encoder.encode(entry), as: UTF8.self)
        }
    }

    /// `config/omi-v1.json`.
    static func real() throws -> CriteriaCatalogue {
        try CriteriaCatalogue(
            json: [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.configDirectory).appendingPathComponent("omi-v1.json"))))
    }

    /// The position of the criterion with that id.
    func index(of id: String) -> Int { criteria.firstIndex { $0.contains(#""id":"\#(id)""#) }! }

    var text: String {
        var members = [#""framework":\#(framework)"#]
        if let thresholds { members.append(#""thresholds":\#(thresholds)"#) }
        members.append(#""criteria":[\#(criteria.joined(separator: ","))]"#)
        return "{" + members.joined(separator: ",") + "}"
    }

    var bytes: [UInt8] { Array(text.utf8) }
}

/// Loading `omi-v1.json`: every fault names the file and the field path.
@Suite struct CriteriaCatalogueLoadingTests {
    /// The error loading `text` throws, or nil when it loads.
    func failure(_ text: String, file: String = "omi-v1.json") -> RuleSetError? {
        do {
            _ = try CriteriaCatalogue(json: Array(text.utf8), file: file)
            return nil
        } catch {
            return error
        }
    }

    func failure(_ change: (inout CatalogueText) -> Void) throws -> RuleSetError? {
        var catalogue = try CatalogueText()
        change(&catalogue)
        return failure(catalogue.text)
    }

    @Test func theRealCatalogueLoads() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.configDirectory).appendingPathComponent("omi-v1.json")))
        let catalogue = try CriteriaCatalogue(json: bytes)
        #expect(catalogue.framework == "omi-v1")
        #expect(catalogue.criteria.count == 18)
        #expect(
            catalogue.criteria.first
                == Criterion(id: "AP1", area: .ap, title: "Initial OASys assessment completed on time", inspectorOnly: false, question: nil))
        #expect(catalogue.engagementCriteria.map(\.question) == ["PI1", "PI2", "PI3"])
        #expect(catalogue.thresholds == Thresholds())
    }

    @Test func theRebuiltTextLoadsTheSameCatalogue() throws {
        let rebuilt = try CriteriaCatalogue(json: try CatalogueText().bytes)
        let real = try CatalogueText.real()
        #expect(rebuilt.framework == real.framework)
        #expect(rebuilt.criteria == real.criteria)
        #expect(rebuilt.thresholds == real.thresholds)
    }

    @Test func thresholdsAreReadAndDefaultWhenAbsentOrNull() throws {
        var text = try CatalogueText()
        text.thresholds =
            #"{"sufficientEvidence":6,"good":81,"reasonablyGood":66,"notSufficientlyGood":51,"criterionCap":49,"recommendationBelow":64,"goodPracticeAtLeast":91}"#
        var expected = Thresholds()
        (expected.sufficientEvidence, expected.good, expected.reasonablyGood, expected.notSufficientlyGood) = (6, 81, 66, 51)
        (expected.criterionCap, expected.recommendationBelow, expected.goodPracticeAtLeast) = (49, 64, 91)
        #expect(try CriteriaCatalogue(json: text.bytes).thresholds == expected)
        text.thresholds = nil
        #expect(try CriteriaCatalogue(json: text.bytes).thresholds == Thresholds())
        text.thresholds = "null"
        #expect(try CriteriaCatalogue(json: text.bytes).thresholds == Thresholds())
    }

    @Test func optionalFieldsMayBeNullAndUnknownFieldsAreIgnored() throws {
        var text = try CatalogueText()
        let ap1 = text.index(of: "AP1")
        text.criteria[ap1] = #"{"id":"AP1","area":"AP","title":"T","inspectorOnly":null,"question":null,"note":[1,{"x":2}]}"#
        let catalogue = try CriteriaCatalogue(json: Array(("{\"description\":\"d\"," + text.text.dropFirst()).utf8))
        #expect(catalogue.criteria[ap1] == Criterion(id: "AP1", area: .ap, title: "T", inspectorOnly: false, question: nil))
    }

    @Test func aDocumentThatIsNotJSONOrNotAnObject() {
        let broken = failure(#"{"framework": "omi-v1", "#)
        #expect(broken?.file == "omi-v1.json")
        #expect(broken?.field == "(document)")
        #expect(broken?.reason.hasPrefix("not JSON") == true, "\(String(describing: broken))")
        #expect(failure("[]") == RuleSetError(file: "omi-v1.json", field: "(document)", reason: "not an object"))
        #expect(failure("")?.field == "(document)")
        #expect(failure("null")?.field == "(document)")
    }

    @Test func theFileNameGivenIsTheOneNamed() throws {
        var text = try CatalogueText()
        text.framework = "7"
        let error = failure(text.text, file: "omi-v2.json")
        #expect(error == RuleSetError(file: "omi-v2.json", field: "framework", reason: "expected a string"))
        #expect(error?.description == "omi-v2.json: framework: expected a string")
    }

    @Test func topLevelFields() throws {
        let noFramework = failure(#"{"criteria":[]}"#)
        #expect(noFramework?.field == "framework")
        #expect(noFramework?.reason.contains("missing") == true, "\(String(describing: noFramework))")
        #expect(failure(#"{"framework":null,"criteria":[]}"#)?.field == "framework")
        #expect(try failure { $0.thresholds = #""strict""# } == RuleSetError(file: "omi-v1.json", field: "thresholds", reason: "expected an object"))
        #expect(failure(#"{"framework":"omi-v1"}"#)?.field == "criteria")
        #expect(
            failure(#"{"framework":"omi-v1","criteria":{}}"#) == RuleSetError(file: "omi-v1.json", field: "criteria", reason: "expected an array"))
    }

    @Test(arguments: [
        (
            #"{"sufficientEvidence":5,"reasonablyGood":65,"notSufficientlyGood":50,"criterionCap":50,"recommendationBelow":65,"goodPracticeAtLeast":90}"#,
            "thresholds.good"
        ),
        (
            #"{"sufficientEvidence":5,"good":"80","reasonablyGood":65,"notSufficientlyGood":50,"criterionCap":50,"recommendationBelow":65,"goodPracticeAtLeast":90}"#,
            "thresholds.good"
        ),
        (
            #"{"sufficientEvidence":5,"good":80,"reasonablyGood":65.5,"notSufficientlyGood":50,"criterionCap":50,"recommendationBelow":65,"goodPracticeAtLeast":90}"#,
            "thresholds.reasonablyGood"
        ),
        (
            #"{"sufficientEvidence":5,"good":80,"reasonablyGood":65,"notSufficientlyGood":50,"criterionCap":50,"recommendationBelow":65,"goodPracticeAtLeast":null}"#,
            "thresholds.goodPracticeAtLeast"
        ),
    ])
    func thresholdsAreIntegers(thresholds: String, field: String) throws {
        let error = try failure { $0.thresholds = thresholds }
        #expect(error?.file == "omi-v1.json")
        #expect(error?.field == field, "\(String(describing: error))")
    }

    @Test func aThresholdOfTheWrongTypeIsNamed() throws {
        let error = try failure {
            $0.thresholds =
                #"{"sufficientEvidence":5,"good":true,"reasonablyGood":65,"notSufficientlyGood":50,"criterionCap":50,"recommendationBelow":65,"goodPracticeAtLeast":90}"#
        }
        #expect(error == RuleSetError(file: "omi-v1.json", field: "thresholds.good", reason: "expected an integer"))
    }

    @Test func criterionFieldsAreNamedWithTheirIndex() throws {
        #expect(try failure { $0.criteria[3] = "7" } == RuleSetError(file: "omi-v1.json", field: "criteria[3]", reason: "expected an object"))
        let noID = try failure { $0.criteria[3] = #"{"area":"AP","title":"T"}"# }
        #expect(noID?.field == "criteria[3].id")
        #expect(noID?.reason.contains("missing") == true, "\(String(describing: noID))")
        #expect(
            try failure { $0.criteria[3] = #"{"id":4,"area":"AP","title":"T"}"# }
                == RuleSetError(file: "omi-v1.json", field: "criteria[3].id", reason: "expected a string"))
        #expect(try failure { $0.criteria[3] = #"{"id":"AP4","area":"AP"}"# }?.field == "criteria[3].title")
        #expect(try failure { $0.criteria[3] = #"{"id":"AP4","title":"T"}"# }?.field == "criteria[3].area")
        #expect(
            try failure { $0.criteria[3] = #"{"id":"AP4","area":"AP","title":"T","inspectorOnly":"yes"}"# }
                == RuleSetError(file: "omi-v1.json", field: "criteria[3].inspectorOnly", reason: "expected a boolean"))
        #expect(
            try failure { $0.criteria[3] = #"{"id":"AP4","area":"AP","title":"T","question":["PI1"]}"# }
                == RuleSetError(file: "omi-v1.json", field: "criteria[3].question", reason: "expected a string"))
    }

    @Test func criterionRules() throws {
        let en1 = try CatalogueText().index(of: "EN1")
        #expect(
            try failure { $0.criteria[3] = $0.criteria[0] }
                == RuleSetError(file: "omi-v1.json", field: "criteria[3].id", reason: "duplicate criterion AP1"))
        #expect(
            try failure { $0.criteria[3] = #"{"id":"AP4","area":"XX","title":"T"}"# }
                == RuleSetError(file: "omi-v1.json", field: "criteria[3].area", reason: "unknown area XX"))
        #expect(
            try failure { $0.criteria[3] = #"{"id":"AP4","area":"OVERALL","title":"T"}"# }
                == RuleSetError(file: "omi-v1.json", field: "criteria[3].area", reason: "unknown area OVERALL"))
        #expect(
            try failure { $0.criteria[en1] = #"{"id":"EN1","area":"EN","title":"T"}"# }
                == RuleSetError(file: "omi-v1.json", field: "criteria[\(en1)].question", reason: "EN criteria name their question"))
        #expect(
            try failure { $0.criteria[3] = #"{"id":"AP4","area":"AP","title":"T","question":"PI1"}"# }
                == RuleSetError(file: "omi-v1.json", field: "criteria[3].question", reason: "only EN criteria have a question"))
    }

    @Test func everyAutomaticRuleHasItsCriterionAndViceVersa() throws {
        #expect(
            try failure { $0.criteria.remove(at: $0.index(of: "IM2")) }
                == RuleSetError(file: "omi-v1.json", field: "criteria", reason: "criterion IM2 is missing"))
        #expect(
            try failure { $0.criteria.append(#"{"id":"AP9","area":"AP","title":"New"}"#) }
                == RuleSetError(file: "omi-v1.json", field: "criteria", reason: "criterion AP9 has no automatic rule; mark it inspectorOnly"))
        var text = try CatalogueText()
        text.criteria.append(#"{"id":"AP9","area":"AP","title":"New","inspectorOnly":true}"#)
        #expect(try CriteriaCatalogue(json: text.bytes).criterion("AP9")?.inspectorOnly == true)
    }
}
