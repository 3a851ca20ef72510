import Foundation

/// The fields of a `judgement.updated` record that `inspection status` shows: its inspection, status and version.
/// Each is read leniently (nil when absent, null or of another type); the rest of the record is skipped.
struct JudgementHeadline: Decodable, Equatable {
    var inspectionId: String?
    var status: String?
    var version: Int?

    /// Parses a record's value; nil when it is not JSON or not a `judgement.updated`.
    init?(cloudEvent bytes: [UInt8]) {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(bytes)), envelope.type == "judgement.updated",
            let headline = envelope.data
        else { return nil }
        self = headline
    }

    init(from decoder: any Decoder) throws {
        let data = try decoder.container(keyedBy: CodingKeys.self)
        inspectionId = try? data.decodeIfPresent(String.self, forKey: .inspectionId)
        status = try? data.decodeIfPresent(String.self, forKey: .status)
        version = try? data.decodeIfPresent(Int.self, forKey: .version)
    }

    private enum CodingKeys: String, CodingKey { case inspectionId, status, version }

    private struct Envelope: Decodable {
        var type: String?
        var data: JudgementHeadline?

        init(from decoder: any Decoder) throws {
            let envelope = try decoder.container(keyedBy: CodingKeys.self)
            type = try? envelope.decodeIfPresent(String.self, forKey: .type)
            data = try? envelope.decodeIfPresent(JudgementHeadline.self, forKey: .data)
        }

        private enum CodingKeys: String, CodingKey { case type, data }
    }
}
