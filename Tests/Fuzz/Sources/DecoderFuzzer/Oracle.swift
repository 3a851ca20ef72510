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

    /// §6.3, §8.5: nothing after intake carries a prison number, CRN or PNC number from the input, nor a date of
    /// birth as a field, and a quote never holds a participant's name or one of its words of three or more letters.
    /// Values the output carries as other fields (the ids, `sourceEventId`) are taken out first, since an input may
    /// use the same text there.
    static func checkNoPersonalData(input: [UInt8], output: [UInt8], what: String) {
        guard case .object(let event)? = try? JSONParser.parse(input), case .object(let data)? = event["data"],
            case .object(let produced)? = try? JSONParser.parse(output), case .object(let out)? = produced["data"]
        else { return }
        func string(_ value: JSONValue?) -> String? { if case .string(let text)? = value { return text } else { return nil } }
        var text = String(decoding: output, as: UTF8.self)
        for carried in ["sourceEventId", "inspectionId", "caseFileId", "interviewId", "caseRef"] {
            if let value = string(out[carried]), !value.isEmpty { text = text.replacing(value, with: "") }
        }
        for field in ["prisonNumber", "crn", "pncNumber"] {
            if let value = string(data[field]), !value.isEmpty, text.contains(value) { fail("\(what) carries the input's \(field)") }
        }
        if text.contains("\"dateOfBirth\"") { fail("\(what) carries a dateOfBirth field") }
        guard case .array(let participants)? = data["participants"], case .array(let themes)? = out["themes"] else { return }
        var quotes: [String] = []
        for case .object(let theme) in themes {
            if case .array(let list)? = theme["quotes"] { quotes += list.compactMap(string) }
        }
        let quoteWords = Set(quotes.flatMap { Redactor.words(of: $0) })
        for case .object(let participant) in participants {
            guard let name = string(participant["name"]) else { continue }
            for word in Redactor.words(of: name) where word.filter(Redactor.isLetter).count >= 3 && quoteWords.contains(word) {
                fail("\(what) quotes a participant's name")
            }
        }
    }
}
