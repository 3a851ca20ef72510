import Foundation
import InspectionDomain

/// The workers' domain objects, built once from the project's `config/`.
final class Fixtures: Sendable {
    static let shared = Fixtures()
    /// The `time` given to outputs.
    static let time = "2026-07-01T12:00:00Z"

    let rules: RuleSet
    let assessor: CaseFileAssessor
    let coder: InterviewCoder
    let consolidator: Consolidator
    let reporter: AggregateReporter

    private init() {
        let directory = Fixtures.configDirectory()
        do {
            rules = try RuleSet.load(fromDirectory: directory)
        } catch {
            fatalError("DecoderFuzzer: cannot load the rules from \(directory) (set FUZZ_CONFIG_DIR): \(error)")
        }
        assessor = CaseFileAssessor(rules: rules, pseudonymKey: Array(repeating: 0x5A, count: 32))
        coder = InterviewCoder(rules: rules)
        consolidator = Consolidator(rules: rules)
        reporter = AggregateReporter(rules: rules)
    }

    /// `FUZZ_CONFIG_DIR`, else the `config/` of the work tree this file was compiled from.
    static func configDirectory() -> String {
        if let path = ProcessInfo.processInfo.environment["FUZZ_CONFIG_DIR"], !path.isEmpty { return path }
        // …/Tests/Fuzz/Sources/DecoderFuzzer/Fixtures.swift → …/config
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("config").path
    }

    /// An `inspection.opened` for `inspectionId` (a valid identifier), as key and value.
    func opened(_ inspectionId: String) -> OutputEvent {
        envelope(id: "fuzz-opened", type: "inspection.opened", time: "2026-03-01T08:00:00Z", inspectionId: inspectionId) { w in
            w.key("establishment")
            w.beginObject()
            w.key("code"); w.string("MDI")
            w.key("name"); w.string("HMP Moorland")
            w.key("type"); w.string("TRAINING")
            w.key("population"); w.string("ADULT")
            w.endObject()
            w.key("fieldworkStart"); w.string("2026-03-02")
            w.key("fieldworkEnd"); w.string("2026-03-13")
            w.key("framework"); w.string("omi-v1")
        }
    }

    /// An `inspection.report-published` for `inspectionId`.
    func published(_ inspectionId: String) -> OutputEvent {
        envelope(id: "fuzz-published", type: "inspection.report-published", time: "2026-06-15T09:00:00Z", inspectionId: inspectionId) { w in
            w.key("publishedOn"); w.string("2026-06-15")
        }
    }

    private func envelope(id: String, type: String, time: String, inspectionId: String, data: (inout JSONWriter) -> Void) -> OutputEvent {
        var w = JSONWriter()
        w.beginObject()
        w.key("specversion"); w.string("1.0")
        w.key("id"); w.string(id)
        w.key("source"); w.string("urn:decoder-fuzzer")
        w.key("type"); w.string(type)
        w.key("time"); w.string(time)
        w.key("subject"); w.string(inspectionId)
        w.key("data")
        w.beginObject()
        w.key("inspectionId"); w.string(inspectionId)
        data(&w)
        w.endObject()
        w.endObject()
        return OutputEvent(key: Array(inspectionId.utf8), value: w.bytes)
    }
}
