import FastJSON
import Foundation

/// Keeps personal data (prison numbers, CRNs, PNC numbers, dates of birth, names) out of rejection
/// messages, which are logged and written to DLQ headers (§10, §6.3).
enum PersonalData {
    /// Whether a value may be quoted in a message (§10): it matches `[A-Z0-9_-]{1,40}` and holds no run of four
    /// digits. Within that alphabet every identifier pattern of §4.5 has such a run (a prison number four digits, a
    /// CRN six; a PNC number needs a `/`), so no identifier is ever quoted.
    static func mayEcho(_ text: String) -> Bool {
        var count = 0
        var digits = 0
        for byte in text.utf8 {
            count += 1
            guard count <= 40 else { return false }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if digits >= 4 { return false }
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                digits = 0
            default:
                return false
            }
        }
        return count > 0
    }

    /// A value that may not be quoted, described by its type and length.
    static func describe(_ text: String) -> String {
        let length = text.unicodeScalars.count
        return length == 0 ? "an empty string" : "a string of \(length) character\(length == 1 ? "" : "s")"
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
        // Only names sharing a word with the reason can match in it: the others are not worth an automaton (an
        // interview may name 200 participants, and one refused for naming more may name thousands).
        let reasonWords = Set(Redactor.words(of: reason))
        let relevant = names.filter { name in Redactor.words(of: name).contains(where: reasonWords.contains) }
        reason = Redactor(names: relevant).redact(reason)
        return Rejection(code: code, message: String(message[..<separator.upperBound]) + reason)
    }
}
