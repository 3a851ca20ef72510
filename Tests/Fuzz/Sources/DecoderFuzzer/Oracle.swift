import InspectionDomain

/// The harness's own checks; a failure traps, so libFuzzer saves the input as a crash.
enum Oracle {
    /// The longest `dlq.error.message` accepted: it is sent as a Kafka header with the original value.
    static let maximumMessageBytes = 1024
    /// The first segment of a rejection's path: an envelope attribute, `value`, `event`, `key` or `data…`.
    static let pathRoots: Set<Substring> = [
        "value", "event", "key", "subject", "data", "specversion", "id", "source", "type", "time", "datacontenttype",
    ]

    static func fail(_ message: String) -> Never {
        fatalError("DecoderFuzzer oracle: \(message)")
    }

    /// §5: the message names the offending field path first, and stays small.
    static func check(_ rejection: Rejection, of value: [UInt8]) {
        let message = rejection.message
        if message.utf8.count > maximumMessageBytes {
            fail("\(rejection.code.rawValue) message of \(message.utf8.count) bytes: \(message.prefix(200))…")
        }
        guard message.contains(": ") else { fail("\(rejection.code.rawValue) message without a path: \(message)") }
        let path = rejection.path
        let root = path.prefix { $0 != "." && $0 != "[" }
        if !pathRoots.contains(root) { fail("\(rejection.code.rawValue) message with an unexpected path \(path): \(message)") }
        if rejection.code == .payloadTooLarge && value.count <= Rejection.maximumValueSize {
            fail("PAYLOAD_TOO_LARGE for \(value.count) bytes")
        }
        if rejection.code != .payloadTooLarge && value.count > Rejection.maximumValueSize {
            fail("\(rejection.code.rawValue) instead of PAYLOAD_TOO_LARGE for \(value.count) bytes")
        }
    }

    /// A worker's output: strict JSON within the event size limit.
    static func checkJSON(_ bytes: [UInt8], _ what: String) {
        if bytes.count > Rejection.maximumValueSize { fail("\(what) of \(bytes.count) bytes exceeds the 1 MiB event limit") }
        do {
            _ = try JSONParser.parse(bytes)
        } catch {
            fail("\(what) is not JSON: \(error.reason) at byte \(error.offset)")
        }
    }
}
