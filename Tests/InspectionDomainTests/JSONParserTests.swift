import Foundation
import Testing

@testable import InspectionDomain

/// The parser as the domain reads events with it (the parser itself is tested in `FastJSONTests`).
@Suite struct JSONParserDomainTests {
    @Test func escapedMemberNamesAreTheSameNames() throws {
        var data = TestEvents.caseFileData()
        data["inspectionId"] = nil
        var text = String(decoding: TestEvents.event(type: "casefile.submitted", data: data), as: UTF8.self)
        text = text.replacingOccurrences(of: #""caseFileId""#, with: #""inspection\u0049d":"INS-2026-MDI-01","caseFileId""#)
        let result = CaseFileAssessor(rules: try Fixtures.rules, pseudonymKey: []).process(key: TestEvents.key, value: Array(text.utf8))
        #expect((try? result.get()) != nil)
    }
}

/// The writer with the domain's values: tenths as `Fraction` rounds them, dates, and the events' enumerations
/// (the writer itself is tested in `FastJSONTests`).
@Suite struct JSONWriterDomainTests {
    /// Integers and tenths are written from their digits: every value agrees with `String(_:)` and `Fraction.oneDecimal`.
    @Test func writesIntegersAndTenthsDigitByDigit() {
        let values = [0, 5, 9, 10, 99, 100, 667, 1000, 12_345, -1, -10, -98_765, Int.max, Int.min + 1]
        for value in values {
            var w = JSONWriter()
            w.beginArray()
            w.integer(value)
            w.endArray()
            #expect(String(decoding: w.bytes, as: UTF8.self) == "[\(value)]")
        }
        for tenths in [0, 1, 9, 10, 55, 667, 999, 1000, 123_456] {
            var w = JSONWriter()
            w.beginArray()
            w.tenths(tenths)
            w.null()
            w.endArray()
            #expect(String(decoding: w.bytes, as: UTF8.self) == "[\(Fraction(tenths, 10).oneDecimal),null]")
        }
    }

    /// Literal member names are copied as they are; run-time names are escaped; dates and prefixed values are
    /// written without building strings.
    @Test func keysDatesAndPrefixedValues() {
        var w = JSONWriter()
        w.beginObject()
        w.field("x", CivilDate("2026-02-03")!)
        let weird = "we\"ird\n"  // a run-time name (`JSONKey("…")` with a literal would be a literal key)
        w.key(JSONKey(weird))
        w.integer(1)
        w.optionalField("none", nil as CivilDate?)
        w.field("source", "urn:inspection-pipeline:", "casefile-\"intake")
        w.field("early", CivilDate("0001-01-01")!)
        w.endObject()
        #expect(
            String(decoding: w.bytes, as: UTF8.self)
                == #"{"x":"2026-02-03","we\"ird\n":1,"source":"urn:inspection-pipeline:casefile-\"intake","early":"0001-01-01"}"#)
    }

    /// Enumerations are written from their tables' bytes: every case as its raw value.
    @Test func enumerationsAreWrittenAsTheirRawValues() {
        func written<E: JSONEnumeration>(_ type: E.Type) -> [String] {
            E.allCases.map { value in
                var w = JSONWriter()
                w.beginObject()
                w.field("v", value)
                w.optionalField("none", nil as E?)
                w.endObject()
                return String(decoding: w.bytes, as: UTF8.self)
            }
        }
        func expected<E: JSONEnumeration>(_ type: E.Type) -> [String] { E.allCases.map { #"{"v":""# + $0.rawValue + #""}"# } }
        #expect(written(EventType.self) == expected(EventType.self))
        #expect(written(CaseFileSubmitted.RiskLevel.self) == expected(CaseFileSubmitted.RiskLevel.self))
        #expect(written(CaseFileSubmitted.SentenceType.self) == expected(CaseFileSubmitted.SentenceType.self))
        #expect(written(InterviewRecorded.QuestionID.self) == expected(InterviewRecorded.QuestionID.self))
        #expect(written(Rating.self) == expected(Rating.self))
        var w = JSONWriter()
        w.beginObject()
        w.field("a", literal: "1.0")
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"a":"1.0"}"#)
    }
}
