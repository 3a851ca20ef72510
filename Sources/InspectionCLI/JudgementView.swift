import Foundation

/// A `judgement.updated` document read for display (Codable: the CLI is not a hot path). Lenient, as a display can
/// be: a member that is absent or of another type reads as empty, zero or absent.
struct JudgementView: Decodable {
    struct Criterion: Decodable {
        var id, area, title: String
        var yes, no, notApplicable: Int
        var percentage: Double?
        var sufficient: Bool

        init(from decoder: any Decoder) throws {
            let c = try Members(decoder)
            (id, area, title) = (c["criterionId"] ?? "", c["area"] ?? "", c["title"] ?? "")
            (yes, no, notApplicable) = (c["yes"] ?? 0, c["no"] ?? 0, c["notApplicable"] ?? 0)
            percentage = c["percentage"]
            sufficient = c["sufficientEvidence"] ?? false
        }
    }

    struct Area: Decodable {
        var area: String
        var score: Double?
        var proposed: String
        var decided: String?
        var rating: String
        var rationale: String?

        init(from decoder: any Decoder) throws {
            let a = try Members(decoder)
            (area, score, proposed, decided) = (a["area"] ?? "", a["score"], a["proposedRating"] ?? "", a["decidedRating"])
            (rating, rationale) = (a["rating"] ?? "", a["rationale"])
        }
    }

    struct Finding: Decodable {
        var id, area, title: String
        var percentage: Double?

        init(from decoder: any Decoder) throws {
            let f = try Members(decoder)
            (id, area, title, percentage) = (f["criterionId"] ?? "", f["area"] ?? "", f["title"] ?? "", f["percentage"])
        }
    }

    struct Theme: Decodable {
        var theme: String
        var interviews: Int
        var quotes: [String]

        init(from decoder: any Decoder) throws {
            let t = try Members(decoder)
            (theme, interviews, quotes) = (t["theme"] ?? "", t["interviews"] ?? 0, t["quotes"] ?? [])
        }
    }

    var inspectionId: String
    var version: Int
    var status: String
    var establishmentName: String
    var establishmentCode: String
    var establishmentType: String
    var fieldworkStart: String
    var fieldworkEnd: String
    var publishedOn: String?
    var caseFiles, inScope, outOfScope, youngAdults: Int
    var interviews: [String: Int]
    var criteria: [Criterion]
    var areas: [Area]
    var recommendations: [Finding]
    var goodPractice: [Finding]
    var divergence: Int
    var staffThemes: [Theme]

    /// Parses the CloudEvent bytes; nil when it is not a judgement.updated.
    init?(cloudEvent bytes: [UInt8]) {
        guard let event = try? JSONDecoder().decode(JudgementEvent.self, from: Data(bytes)), let judgement = event.data else { return nil }
        self = judgement
    }

    /// Reads the `data` of a judgement.updated; throws only when it is not an object.
    init(from decoder: any Decoder) throws {
        let data = try Members(decoder)
        inspectionId = data["inspectionId"] ?? "?"
        version = data["version"] ?? 0
        status = data["status"] ?? "?"
        let establishment = data.object("establishment")
        (establishmentName, establishmentCode, establishmentType) = (
            establishment["name"] ?? "", establishment["code"] ?? "", establishment["type"] ?? ""
        )
        (fieldworkStart, fieldworkEnd, publishedOn) = (data["fieldworkStart"] ?? "", data["fieldworkEnd"] ?? "", data["publishedOn"])
        let sample = data.object("sample")
        (caseFiles, inScope, outOfScope, youngAdults) = (
            sample["caseFiles"] ?? 0, sample["inScope"] ?? 0, sample["outOfScope"] ?? 0, sample["youngAdults"] ?? 0
        )
        interviews = sample["interviews"] ?? [:]
        criteria = data["criteria"] ?? []
        areas = data["areas"] ?? []
        recommendations = data["recommendations"] ?? []
        goodPractice = data["goodPractice"] ?? []
        divergence = data["divergence"] ?? 0
        staffThemes = data["staffThemes"] ?? []
    }

    var totalInterviews: Int { interviews.values.reduce(0, +) }
}

/// A CloudEvent whose `data` is read only when it is a judgement.updated.
private struct JudgementEvent: Decodable {
    var data: JudgementView?

    init(from decoder: any Decoder) throws {
        let envelope = try Members(decoder)
        data = envelope["type"] as String? == "judgement.updated" ? envelope["data"] : nil
    }
}

/// An object's members by name, each read leniently: nil when absent, null or of another type.
private struct Members {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private let container: KeyedDecodingContainer<Key>?

    /// The members of the value being decoded; throws when it is not an object.
    init(_ decoder: any Decoder) throws { container = try decoder.container(keyedBy: Key.self) }

    private init(container: KeyedDecodingContainer<Key>?) { self.container = container }

    subscript<T: Decodable>(_ name: String) -> T? {
        try? container?.decodeIfPresent(T.self, forKey: Key(stringValue: name))
    }

    /// The members of a member object; none when it is absent or not an object.
    func object(_ name: String) -> Members {
        Members(container: try? container?.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: name)))
    }
}

extension Optional where Wrapped == Double {
    /// One decimal, or an en dash when absent.
    var formatted: String { map { String(format: "%.1f", $0) } ?? "–" }
}
