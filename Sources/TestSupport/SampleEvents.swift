import Foundation

/// Small valid input events for runtime and reliability tests (the domain's own tests cover the rules).
public enum SampleEvents {
    /// A valid `casefile.submitted` (CloudEvent bytes) with a unique event id.
    public static func caseFile(inspectionId: String, index: Int, eventId: String? = nil) -> [UInt8] {
        let id = eventId ?? "cf-\(inspectionId)-\(index)"
        let caseFileId = String(format: "CF-%05d", index % 100_000)
        let json = """
            {"specversion":"1.0","id":"\(id)","source":"urn:test:runtime","type":"casefile.submitted","time":"2026-03-02T09:00:00Z","subject":"\(inspectionId)","data":{"inspectionId":"\(inspectionId)","caseFileId":"\(caseFileId)","extractedAt":"2026-03-02T08:00:00Z","prisonNumber":"A1234BC","crn":"X123456","pncNumber":"12/394773H","dateOfBirth":"1990-05-14","establishmentCode":"MDI","legalStatus":"SENTENCED","sentence":{"type":"DETERMINATE","startDate":"2025-01-10","lengthMonths":36,"conditionalReleaseDate":"2026-07-10"},"receptionDate":"2025-02-03","riskOfSeriousHarm":"HIGH","riskManagementPlan":true,"offenderSupervisor":{"allocatedOn":"2025-02-04","firstContactOn":"2025-02-12"},"oasysAssessments":[{"completedOn":"2025-03-01","kind":"INITIAL"}]}}
            """
        return Array(json.utf8)
    }

    /// A valid `inspection.opened`.
    public static func opened(inspectionId: String, eventId: String? = nil) -> [UInt8] {
        Array(
            """
            {"specversion":"1.0","id":"\(eventId ?? "open-\(inspectionId)")","source":"urn:test:runtime","type":"inspection.opened","time":"2026-03-02T09:00:00Z","data":{"inspectionId":"\(inspectionId)","establishment":{"code":"MDI","name":"HMP Moorland","type":"TRAINING","population":"ADULT"},"fieldworkStart":"2026-03-02","fieldworkEnd":"2026-03-13","framework":"omi-v1"}}
            """.utf8)
    }

    /// The `data` object of a CloudEvent value, parsed with Foundation.
    public static func data(of value: [UInt8]?) -> [String: Any]? {
        guard let value, let object = try? JSONSerialization.jsonObject(with: Data(value)) as? [String: Any] else { return nil }
        return object["data"] as? [String: Any]
    }

    /// The envelope of a CloudEvent value, parsed with Foundation.
    public static func envelope(of value: [UInt8]?) -> [String: Any]? {
        guard let value else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(value)) as? [String: Any]
    }
}

/// Reads a Prometheus exposition's sample values by metric name and labels.
public struct PrometheusText {
    public let text: String
    public init(_ text: String) { self.text = text }

    /// The value of the sample `name{labels}` (labels in any order), or nil.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(name) && !line.hasPrefix("#") {
            let head = line.prefix { $0 != " " }
            let metric = head.prefix { $0 != "{" }
            guard metric == name else { continue }
            var found: [String: String] = [:]
            if let open = head.firstIndex(of: "{"), let close = head.lastIndex(of: "}") {
                for pair in head[head.index(after: open)..<close].split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    if parts.count == 2 { found[String(parts[0])] = String(parts[1]).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                }
            }
            if found == labels, let value = Double(line.split(separator: " ").last ?? "") { return value }
        }
        return nil
    }
}
