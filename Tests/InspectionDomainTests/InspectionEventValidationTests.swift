import Testing

@testable import InspectionDomain

/// Field paths and codes for the inspection lifecycle events (§4.1–§4.4, §11 "Required fields").
@Suite struct InspectionEventValidationTests {
    let consolidator: Consolidator

    init() throws { consolidator = Consolidator(rules: try Fixtures.rules) }

    func reject(_ type: String, _ data: [String: Any]) -> Rejection? {
        if case .failure(let r) = consolidator.decode(kind: .inspections, key: TestEvents.key, value: TestEvents.event(type: type, data: data)) {
            return r
        }
        return nil
    }

    static var opened: [String: Any] {
        [
            "inspectionId": TestEvents.inspectionId,
            "establishment": ["code": "MDI", "type": "TRAINING", "population": "ADULT"] as [String: Any],
            "fieldworkStart": "2026-03-02", "fieldworkEnd": "2026-03-13", "framework": "omi-v1",
        ]
    }

    func opened(_ mutate: (inout [String: Any]) -> Void) -> [String: Any] {
        var data = Self.opened
        mutate(&data)
        return data
    }

    @Test func openedWithoutEstablishmentNameIsValid() {
        #expect(reject("inspection.opened", Self.opened) == nil)
    }

    @Test func openedErrors() {
        #expect(reject("inspection.opened", opened { $0["establishment"] = nil })?.message == "data.establishment: required field missing")
        #expect(
            reject("inspection.opened", opened { $0["establishment"] = ["code": "mdi", "type": "TRAINING", "population": "ADULT"] })?.path
                == "data.establishment.code")
        #expect(
            reject("inspection.opened", opened { $0["establishment"] = ["code": "MDI", "type": "CASTLE", "population": "ADULT"] })?.path
                == "data.establishment.type")
        #expect(
            reject("inspection.opened", opened { $0["establishment"] = ["code": "MDI", "type": "OPEN"] })?.message
                == "data.establishment.population: required field missing")
        #expect(reject("inspection.opened", opened { $0["fieldworkEnd"] = "2026-02-29" })?.message == "data.fieldworkEnd: not a date")
        #expect(reject("inspection.opened", opened { $0["framework"] = nil })?.message == "data.framework: required field missing")
        let framework = reject("inspection.opened", opened { $0["framework"] = "omi-v2" })
        #expect(framework?.code == .schemaViolation)
        #expect(reject("inspection.opened", opened { $0["inspectionId"] = "ins" })?.code == .invalidIdentifier)
    }

    @Test func lifecycleErrors() {
        let id = TestEvents.inspectionId
        #expect(reject("inspection.fieldwork-closed", ["inspectionId": id])?.message == "data.closedOn: required field missing")
        #expect(reject("inspection.report-published", ["inspectionId": id, "publishedOn": "15/06/2026"])?.message == "data.publishedOn: not a date")
        let decided: [String: Any] = ["inspectionId": id, "area": "PP", "rating": "GOOD", "rationale": "r", "decidedBy": "x"]
        #expect(reject("inspection.judgement-decided", decided) == nil)
        var noBy = decided
        noBy["decidedBy"] = nil
        #expect(reject("inspection.judgement-decided", noBy)?.message == "data.decidedBy: required field missing")
        var badArea = decided
        badArea["area"] = "XX"
        #expect(reject("inspection.judgement-decided", badArea)?.path == "data.area")
        var numberRationale = decided
        numberRationale["rationale"] = 3
        #expect(reject("inspection.judgement-decided", numberRationale)?.message == "data.rationale: expected a string, found a number")
        #expect(reject("inspection.published", ["inspectionId": id])?.code == .unknownEventType)
    }
}
