import Foundation
import Kafka
import TestSupport

/// Dotted-path access to a JSON object (Foundation parsing, independent of the domain's JSON code).
struct JSONDocument {
    let raw: [String: Any]

    init(_ raw: [String: Any]) { self.raw = raw }

    /// The `data` of a CloudEvent value.
    init?(_ bytes: [UInt8]?) {
        guard let bytes, let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let data = object["data"] as? [String: Any]
        else { return nil }
        raw = data
    }

    func value(_ path: String) -> Any? {
        var current: Any? = raw
        for part in path.split(separator: ".") { current = (current as? [String: Any])?[String(part)] }
        return current
    }

    func string(_ path: String) -> String? { value(path) as? String }
    func int(_ path: String) -> Int? { (value(path) as? NSNumber)?.intValue }
    func double(_ path: String) -> Double? { (value(path) as? NSNumber)?.doubleValue }
    func bool(_ path: String) -> Bool? { value(path) as? Bool }
    func array(_ path: String) -> [Any]? { value(path) as? [Any] }

    func criterion(_ id: String) -> JSONDocument? {
        (array("criteria") as? [[String: Any]])?.first { $0["criterionId"] as? String == id }.map(JSONDocument.init)
    }

    func area(_ id: String) -> [String: Any]? {
        (array("areas") as? [[String: Any]])?.first { $0["area"] as? String == id }
    }

    var interviewsTotal: Int {
        ["PRISONER", "OFFENDER_SUPERVISOR", "OMU_PRACTITIONER_GROUP", "MANAGER"].reduce(0) { $0 + (int("sample.interviews.\($1)") ?? 0) }
    }
}

/// Reads the pipeline's judgements until one satisfies a condition.
struct JudgementReader {
    let pipeline: TestPipeline

    /// Every judgement on the topic, in the order of the topic (one inspection's are on one partition).
    func all() async throws -> [JSONDocument] {
        try await pipeline.readAll("reporting.judgements", idle: .milliseconds(700)).compactMap { JSONDocument($0.value) }
    }

    func waitFor(_ what: String, timeout: Duration = .seconds(90), _ condition: (JSONDocument) -> Bool) async throws -> JSONDocument {
        let deadline = ContinuousClock.now + timeout
        var latest: JSONDocument?
        while ContinuousClock.now < deadline {
            let messages = try await pipeline.readAll("reporting.judgements", idle: .milliseconds(700))
            let documents = messages.compactMap { JSONDocument($0.value) }.sorted { ($0.int("version") ?? 0) < ($1.int("version") ?? 0) }
            latest = documents.last
            if let latest, condition(latest) { return latest }
            try await Task.sleep(for: .milliseconds(300))
        }
        throw TestFailure("no judgement with \(what) in \(timeout); latest: \(latest.map { "\($0.raw)" } ?? "none")")
    }
}
