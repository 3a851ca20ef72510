/// Keeps personal data (prison numbers, CRNs, PNC numbers, dates of birth, names) out of rejection
/// messages, which are logged and written to DLQ headers (§10, §6.3).
enum PersonalData {
    /// Whether a value may be quoted in a message: no identifier pattern of §4.5 as a word and no run of four digits.
    static func mayEcho(_ text: String) -> Bool {
        var digits = 0
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x30 && scalar.value <= 0x39 {
                digits += 1
                if digits >= 4 { return false }
            } else {
                digits = 0
            }
        }
        return Redactor(names: []).redact(text) == text
    }

    /// The personal values of an event's `data`, read leniently (strings only): for `casefile.submitted` the
    /// identifiers and date of birth, for `interview.recorded` the participants' names.
    static func values(in event: CloudEvent) -> (values: [String], names: [String]) {
        let document = event.document
        let data = event.dataToken
        var values: [String] = []
        for key in ["prisonNumber", "crn", "pncNumber", "dateOfBirth"] {
            if let token = document.member(data, key), let text = string(document, token), !text.isEmpty { values.append(text) }
        }
        var names: [String] = []
        if let participants = document.member(data, "participants"), document.kind(participants) == .array {
            for participant in document.elements(participants) where document.kind(participant) == .object {
                if let token = document.member(participant, "name"), let name = string(document, token) { names.append(name) }
            }
        }
        return (values, names)
    }

    private static func string(_ document: JSONDocument, _ token: Int) -> String? {
        let kind = document.kind(token)
        return kind == .string || kind == .escapedString ? document.string(token) : nil
    }
}

extension Rejection {
    /// The rejection with the event's personal values removed from its reason; the field path it starts with is kept.
    func redactingPersonalData(of event: CloudEvent) -> Rejection {
        let (values, names) = PersonalData.values(in: event)
        guard let separator = message.range(of: ": ") else { return self }
        var reason = String(message[separator.upperBound...])
        for value in values where value.unicodeScalars.count >= 3 && reason.contains(value) {
            reason = reason.replacing(value, with: Redactor.replacement)
        }
        reason = Redactor(names: names).redact(reason)
        return Rejection(code: code, message: String(message[..<separator.upperBound]) + reason)
    }
}
