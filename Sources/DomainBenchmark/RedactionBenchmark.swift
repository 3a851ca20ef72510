import Foundation
import InspectionDomain

/// transcript-intake's cost on hostile interviews (SPEC §11: redaction linear in the event's size whatever the
/// names): the example interview, then 200 participants sharing an initial with one STAFF segment of ~150,000
/// words starting with that letter, at a quarter, half and the whole of the 1 MiB limit, and 17,000 such
/// participants (over the cap: refused). Prints milliseconds per event and per MiB, so linear growth shows as
/// a flat per-MiB figure.
func runRedactionBenchmark(coder: InterviewCoder, example: [UInt8], key: [UInt8]) {
    func interview(participants: Int, textBytes: Int) -> [UInt8] {
        var words: [String] = []
        var size = 0
        var index = 0
        while size < textBytes {
            // Every word starts like every name: the old per-initial scan compared each word with every name.
            let word = index % 7 == 0 ? "caseload" : "Aaron\(index % 997)"
            words.append(word)
            size += word.utf8.count + 1
            index += 1
        }
        let data: [String: Any] = [
            "inspectionId": "INS-2026-MDI-01", "interviewId": "IV-0001", "kind": "MANAGER", "conductedOn": "2026-03-04",
            "participants": (0..<participants).map { ["role": "STAFF", "name": "Aaron\($0) Abbott\($0 % 13)"] },
            "segments": [["speaker": "STAFF", "text": words.joined(separator: " ")]],
        ]
        let event: [String: Any] = [
            "specversion": "1.0", "id": "bench-1", "source": "urn:bench", "type": "interview.recorded",
            "time": "2026-03-04T10:00:00Z", "subject": "INS-2026-MDI-01", "data": data,
        ]
        return Array(try! JSONSerialization.data(withJSONObject: event))
    }
    func time(_ name: String, _ value: [UInt8], rounds: Int) {
        var outcome = ""
        let started = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<rounds {
            switch coder.process(key: key, value: value) {
            case .success(let output): outcome = "coded, \(output.value.count) bytes out"
            case .failure(let rejection): outcome = "refused \(rejection.code.rawValue) at \(rejection.path)"
            }
        }
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / Double(rounds) / 1_000_000
        let perMiB = milliseconds / (Double(value.count) / 1_048_576)
        print(
            String(
                format: "%-52@ %8d bytes %9.3f ms/event %8.2f ms/MiB  (%@)", name as NSString, value.count, milliseconds, perMiB, outcome as NSString)
        )
    }
    time("example interview", example, rounds: 2_000)
    for fraction in [4, 2, 1] {
        let bytes = 1_000_000 / fraction
        time("200 participants, one STAFF segment of \(bytes / 1000) kB", interview(participants: 200, textBytes: bytes), rounds: 20)
    }
    time("17,000 participants sharing an initial (over the cap)", interview(participants: 17_000, textBytes: 200_000), rounds: 20)
}
