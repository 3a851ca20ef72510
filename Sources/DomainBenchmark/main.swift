// domain-benchmark: times decode + validate + assess + encode of one casefile.submitted through
// CaseFileAssessor, next to Foundation's JSONDecoder + JSONEncoder on a Codable mirror of the same event.
// Given an interview.recorded event file, it times transcript-intake's path instead (InterviewCoder; domain-only).
//
// Usage: domain-benchmark [config-directory] [iterations] [domain-only|all|redaction] [event-file]
// (redaction: transcript-intake on hostile interviews, see RedactionBenchmark.swift)
// (event-file defaults to config/examples/casefile.submitted.json)
import Foundation
import InspectionDomain

let arguments = CommandLine.arguments
let configDirectory = arguments.count > 1 ? arguments[1] : "config"
let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 20_000 : 20_000

let rules = try RuleSet.load(fromDirectory: configDirectory)
let assessor = CaseFileAssessor(rules: rules, pseudonymKey: Array("benchmark-key".utf8))
let exampleURL =
    arguments.count > 4
    ? URL(fileURLWithPath: arguments[4])
    : URL(fileURLWithPath: configDirectory).appendingPathComponent("examples/casefile.submitted.json")
// Compact the example, as producers send it.
let pretty = try Data(contentsOf: exampleURL)
let compact = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: pretty), options: [])
let value = [UInt8](compact)
let key = Array("INS-2026-MDI-01".utf8)
let interviews = (try JSONSerialization.jsonObject(with: compact) as? [String: Any])?["type"] as? String == "interview.recorded"
let coder = InterviewCoder(rules: rules)
/// The path under test: the case-file intake's, or the transcript intake's for an interview.
let process: ([UInt8]?, [UInt8]?) -> Result<OutputEvent, Rejection> =
    interviews
    ? { coder.process(key: $0, value: $1) } : { assessor.process(key: $0, value: $1) }

/// Fastest round seen by the last `measure` (per event, µs): a steadier figure on a busy machine.
nonisolated(unsafe) var lastMinimum = 0.0

/// Median of per-event times in microseconds over `rounds` rounds of `batch` events.
func measure(rounds: Int, batch: Int, _ body: () -> Void) -> Double {
    var samples: [Double] = []
    samples.reserveCapacity(rounds)
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<batch { body() }
        let end = DispatchTime.now().uptimeNanoseconds
        samples.append(Double(end - start) / Double(batch) / 1000)
    }
    samples.sort()
    lastMinimum = samples[0]
    return samples[samples.count / 2]
}

var sink = 0
let batch = 100
let rounds = max(1, iterations / batch)

if arguments.count > 3 && arguments[3] == "redaction" {
    let example = try Data(contentsOf: URL(fileURLWithPath: configDirectory).appendingPathComponent("examples/interview.recorded.json"))
    let compactExample = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: example), options: [])
    runRedactionBenchmark(coder: coder, example: [UInt8](compactExample), key: key)
    exit(0)
}

// Warm up and check the path works.
guard case .success(let output) = process(key, value) else {
    fatalError("the example event was refused")
}
let domain = measure(rounds: rounds, batch: batch) {
    if case .success(let out) = process(key, value) { sink &+= out.value.count }
}
let domainMinimum = lastMinimum

let domainOnly = arguments.count > 3 && arguments[3] == "domain-only"
if domainOnly || interviews {
    // Only the full path: for profilers and instruction counts.
    let path = interviews ? "interview.recorded (\(value.count) bytes) decode+validate+code+encode" : "decode+validate+assess+encode"
    print("InspectionDomain \(path): " + String(format: "%.2f µs/event (median; fastest round %.2f)", domain, domainMinimum))
    exit(sink == 42 ? 1 : 0)
}
let parseOnly = measure(rounds: rounds, batch: batch) {
    if case .object(let o)? = try? JSONParser.parse(value) { sink &+= o.members.count }
}
let envelopeOnly = measure(rounds: rounds, batch: batch) {
    if case .success(let e) = CloudEvent.decode(value) { sink &+= e.id.utf8.count }
}

// Foundation Codable mirror of the same event.
struct Mirror: Codable {
    struct Sentence: Codable {
        var type: String; var startDate: String; var lengthMonths: Int?; var conditionalReleaseDate: String?; var tariffDate: String?;
        var homeDetentionCurfewEligibilityDate: String?
    }
    struct Mappa: Codable { var category: Int?; var level: Int? }
    struct Supervisor: Codable { var allocatedOn: String?; var firstContactOn: String? }
    struct Manager: Codable { var allocatedOn: String?; var lastContactOn: String? }
    struct Assessment: Codable { var completedOn: String; var kind: String }
    struct Objective: Codable { var text: String; var riskFactor: String? }
    struct Plan: Codable { var createdOn: String?; var objectives: [Objective]? }
    struct Contact: Codable { var on: String; var with: String }
    struct HDC: Codable { var decision: String? }
    struct Data: Codable {
        var inspectionId: String; var caseFileId: String; var extractedAt: String; var prisonNumber: String; var crn: String?; var pncNumber: String?
        var dateOfBirth: String; var establishmentCode: String; var legalStatus: String; var sentence: Sentence; var receptionDate: String
        var riskOfSeriousHarm: String?; var riskManagementPlan: Bool?; var mappa: Mappa?; var prolificPriorityOffender: Bool?
        var offenderSupervisor: Supervisor?; var offenderManager: Manager?; var oasysAssessments: [Assessment]?; var sentencePlan: Plan?
        var contacts: [Contact]?; var resettlement: [String: String]?; var hdc: HDC?
    }
    var specversion: String; var id: String; var source: String; var type: String; var time: String; var subject: String?;
    var datacontenttype: String?
    var data: Data
}
let decoder = JSONDecoder()
let encoder = JSONEncoder()
let foundation = measure(rounds: rounds, batch: batch) {
    let event = try! decoder.decode(Mirror.self, from: compact)
    sink &+= (try! encoder.encode(event)).count
}
let foundationMinimum = lastMinimum

print("casefile.submitted: \(value.count) bytes in, casefile.assessed: \(output.value.count) bytes out")
print(String(format: "InspectionDomain decode+validate+assess+encode: %.2f µs/event (median; fastest round %.2f)", domain, domainMinimum))
print(
    String(
        format: "  for reference: JSONParser.parse to a JSONValue tree %.2f µs; size + UTF-8 + JSON + envelope checks (token tape) %.2f µs",
        parseOnly, envelopeOnly))
print(
    String(format: "Foundation JSONDecoder+JSONEncoder (Codable mirror): %.2f µs/event (median; fastest round %.2f)", foundation, foundationMinimum))
print(String(format: "speed-up: %.1fx", foundation / domain))
if sink == 42 { print("") }
