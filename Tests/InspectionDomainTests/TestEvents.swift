import Foundation

@testable import InspectionDomain

/// Builders for test events: JSON built from dictionaries so each test states only what it changes.
enum TestEvents {
    static let inspectionId = "INS-2026-MDI-01"
    static let key = Array(inspectionId.utf8)

    static func json(_ object: Any) -> [UInt8] {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return [UInt8](data)
    }

    static func envelope(
        type: String, data: [String: Any], id: String = "evt-1", source: String = "urn:test", time: String = "2026-03-02T09:15:00Z",
        subject: String? = nil
    ) -> [String: Any] {
        var e: [String: Any] = ["specversion": "1.0", "id": id, "source": source, "type": type, "time": time, "data": data]
        if let subject { e["subject"] = subject }
        return e
    }

    static func event(type: String, data: [String: Any], id: String = "evt-1", source: String = "urn:test") -> [UInt8] {
        json(envelope(type: type, data: data, id: id, source: source))
    }

    /// A minimal valid casefile.submitted `data`: DETERMINATE 36 months, nothing optional.
    static func caseFileData(_ id: String = "CF-0001", prisonNumber: String = "A1234BC") -> [String: Any] {
        [
            "inspectionId": inspectionId, "caseFileId": id, "extractedAt": "2026-02-27T17:00:00Z", "prisonNumber": prisonNumber,
            "dateOfBirth": "1999-05-14", "establishmentCode": "MDI", "legalStatus": "SENTENCED",
            "sentence": ["type": "DETERMINATE", "startDate": "2025-01-10", "lengthMonths": 36] as [String: Any],
            "receptionDate": "2025-02-03",
        ]
    }

    /// Decodes a record through the real validation path.
    static func record(_ data: [String: Any]) throws -> CaseFileSubmitted {
        let document = try JSONDocument(json(data))
        return try FieldReader.reading(document, object: JSONDocument.root, path: "data") { d throws(Rejection) in try CaseFileSubmitted(data: d) }
    }

    static func opened(id: String = "open-1", type: String = "TRAINING") -> [UInt8] {
        event(
            type: "inspection.opened",
            data: [
                "inspectionId": inspectionId,
                "establishment": ["code": "MDI", "name": "HMP Moorland", "type": type, "population": "ADULT"],
                "fieldworkStart": "2026-03-02", "fieldworkEnd": "2026-03-13", "framework": "omi-v1",
            ], id: id, source: "urn:inspection-management")
    }

    static func closed(id: String = "close-1") -> [UInt8] {
        event(
            type: "inspection.fieldwork-closed", data: ["inspectionId": inspectionId, "closedOn": "2026-03-13"], id: id,
            source: "urn:inspection-management")
    }

    static func published(id: String = "pub-1", on date: String = "2026-06-15") -> [UInt8] {
        event(
            type: "inspection.report-published", data: ["inspectionId": inspectionId, "publishedOn": date], id: id,
            source: "urn:inspection-management")
    }

    static func decided(area: String, rating: String, id: String = "dec-1") -> [UInt8] {
        event(
            type: "inspection.judgement-decided",
            data: [
                "inspectionId": inspectionId, "area": area, "rating": rating,
                "rationale": "Because.", "decidedBy": "lead",
            ], id: id, source: "urn:inspection-management")
    }

    /// casefile.assessed RECORD with the given answers (others NA).
    static func assessedRecord(
        _ caseFileId: String, answers: [String: String], inScope: Bool = true, youngAdult: Bool = false,
        caseRef: String? = nil, sourceEventId: String? = nil
    ) -> [UInt8] {
        let ids = ["AP1", "AP2", "AP3", "AP4", "IM1", "IM2", "IM3", "IM4", "PP1", "PP2", "PP3", "PP4", "RR1", "RR2", "RR3"]
        return event(
            type: "casefile.assessed",
            data: [
                "inspectionId": inspectionId, "caseFileId": caseFileId, "origin": "RECORD", "caseRef": caseRef ?? "CR-\(caseFileId)",
                "asOf": "2026-02-27", "inScope": inScope, "youngAdult": youngAdult,
                "answers": ids.map { ["criterionId": $0, "answer": answers[$0] ?? "NOT_APPLICABLE", "provenance": "AUTO"] },
                "sourceEventId": sourceEventId ?? "urn:test/rec-\(caseFileId)",
            ], id: "a-" + (sourceEventId ?? caseFileId), source: "urn:inspection-pipeline:casefile-intake")
    }

    static func assessedExamination(_ caseFileId: String, answers: [String: String], sourceEventId: String) -> [UInt8] {
        event(
            type: "casefile.assessed",
            data: [
                "inspectionId": inspectionId, "caseFileId": caseFileId, "origin": "EXAMINATION",
                "answers": answers.sorted { $0.key < $1.key }.map { ["criterionId": $0.key, "answer": $0.value, "provenance": "INSPECTOR"] },
                "sourceEventId": sourceEventId,
            ], id: "x-" + sourceEventId, source: "urn:inspection-pipeline:casefile-intake")
    }

    static func coded(
        _ interviewId: String, kind: String = "PRISONER", caseFileId: String? = nil, answers: [String: String] = [:],
        themes: [(String, Int, [String])] = [], sourceEventId: String? = nil
    ) -> [UInt8] {
        var data: [String: Any] = [
            "inspectionId": inspectionId, "interviewId": interviewId, "kind": kind, "conductedOn": "2026-03-04",
            "answers": answers.sorted { $0.key < $1.key }.map { ["questionId": $0.key, "answer": $0.value, "provenance": "RESPONSE"] },
            "themes": themes.map { ["theme": $0.0, "mentions": $0.1, "quotes": $0.2] as [String: Any] },
            "sourceEventId": sourceEventId ?? "urn:test/iv-\(interviewId)",
        ]
        if let caseFileId { data["caseFileId"] = caseFileId }
        return event(
            type: "interview.coded", data: data, id: "c-" + (sourceEventId ?? interviewId), source: "urn:inspection-pipeline:transcript-intake")
    }

    static func origin(_ value: [UInt8], topic: String = "t", offset: Int64 = 0) -> TestOrigin {
        TestOrigin(topic: topic, partition: 0, offset: offset, key: key, value: value, headers: [])
    }

    /// Parses output bytes with Foundation for assertions.
    static func parse(_ bytes: [UInt8]) -> [String: Any] {
        try! JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any]
    }
}

/// `NSNull()` for "null" fields in test dictionaries.
enum NSNullValue { static let null = NSNull() }
