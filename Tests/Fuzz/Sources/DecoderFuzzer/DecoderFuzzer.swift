import CLibFuzzer
import Foundation
import InspectionDomain

// Coverage-guided fuzzing (libFuzzer, `-sanitize=fuzzer`) of the event decoders.
//
// Input layout: one selector byte, then the message value.
//
//   selector & 0x07   which decoder (`Target`)
//   selector >> 6     which message key (`KeyChoice`): the ASCII digits "0"…"7" select a decoder with the
//                     matching key (the value's `inspectionId`), so every seed reads as `<digit><JSON>`.
//
// Besides "no crash, no hang, bounded memory" (libFuzzer's own checks), the harness traps when:
// - a rejection's message does not start with a field path, or is unreasonably long (it becomes a DLQ header);
// - a worker's output is not strict JSON, is over 1 MiB, or is refused by the next worker in the pipeline
//   (casefile-intake → consolidator → aggregate-reporter; transcript-intake → consolidator);
// - the consolidator refuses on replay an event it accepted before;
// - the JSON parser and the envelope decoder disagree on whether bytes are JSON, or a parsed document does
//   not survive a write with `JSONWriter` and a second parse.

/// The decoder an input is for.
enum Target: UInt8 {
    case caseFileIntake = 0
    case transcriptIntake = 1
    case consolidatorInspections = 2
    case consolidatorAssessedCaseFiles = 3
    case consolidatorCodedInterviews = 4
    case aggregateReporter = 5
    case jsonParser = 6
    case everyDecoder = 7
}

/// The message key sent with the value.
enum KeyChoice: UInt8 {
    /// The first `"inspectionId":"…"` string of the value (normally `data.inspectionId`: the happy path), else no key.
    case fromData = 0
    /// No key at all.
    case missing = 1
    /// An empty key.
    case empty = 2
    /// That string with one byte too many (`KEY_MISMATCH`).
    case wrong = 3
}

/// The entry point: libFuzzer's driver with libFuzzer's command line (`DecoderFuzzer -runs=N CORPUS…`, or
/// `DecoderFuzzer FILE…` to replay inputs).
@main
enum DecoderFuzzer {
    static func main() {
        // Build the rules before the first input, so a bad config/ fails at once and not as a "crash".
        _ = Fixtures.shared
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let selector = data[0]
    let value = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let target = Target(rawValue: selector & 0x07)!
    let keyChoice = KeyChoice(rawValue: selector >> 6)!
    let key = messageKey(keyChoice, value: value)
    switch target {
    case .caseFileIntake: Harness.caseFileIntake(key: key, value: value)
    case .transcriptIntake: Harness.transcriptIntake(key: key, value: value)
    case .consolidatorInspections: Harness.consolidator(.inspections, key: key, value: value)
    case .consolidatorAssessedCaseFiles: Harness.consolidator(.assessedCaseFiles, key: key, value: value)
    case .consolidatorCodedInterviews: Harness.consolidator(.codedInterviews, key: key, value: value)
    case .aggregateReporter: Harness.aggregateReporter(key: key, value: value)
    case .jsonParser: Harness.jsonParser(value)
    case .everyDecoder:
        Harness.caseFileIntake(key: key, value: value)
        Harness.transcriptIntake(key: key, value: value)
        for kind in ConsolidatorInputKind.allCases { Harness.consolidator(kind, key: key, value: value) }
        Harness.aggregateReporter(key: key, value: value)
    }
    return 0
}

/// The key for a value, as `choice` says.
func messageKey(_ choice: KeyChoice, value: [UInt8]) -> [UInt8]? {
    switch choice {
    case .missing: return nil
    case .empty: return []
    case .fromData: return inspectionId(in: value)
    case .wrong: return (inspectionId(in: value) ?? []) + [UInt8(ascii: "X")]
    }
}

/// The raw bytes of the first `"inspectionId":"…"` string in `value` (at most 65 bytes), or nil: a `memmem` scan,
/// not a parse, so that large inputs stay cheap. `data.inspectionId` comes first in the events, after envelope
/// attributes that do not contain it; when the guess is wrong the decoder refuses the key, a case worth fuzzing too.
func inspectionId(in value: [UInt8]) -> [UInt8]? {
    let needle = #""inspectionId":""#
    let quote = #"""#
    return value.withUnsafeBufferPointer { bytes -> [UInt8]? in
        guard let base = bytes.baseAddress else { return nil }
        let found = decoder_fuzzer_find(base, bytes.count, needle, needle.utf8.count)
        guard found >= 0 else { return nil }
        let start = Int(found) + needle.utf8.count
        let count = min(65, bytes.count - start)
        let end = decoder_fuzzer_find(base + start, count, quote, 1)
        return Array(UnsafeBufferPointer(start: base + start, count: end >= 0 ? Int(end) : count))
    }
}
