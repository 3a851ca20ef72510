import Foundation

/// A `judgement.updated` document read for display (Foundation JSON: the CLI is not a hot path).
struct JudgementView {
    struct Criterion {
        var id, area, title: String
        var yes, no, notApplicable: Int
        var percentage: Double?
        var sufficient: Bool
    }

    struct Area {
        var area: String
        var score: Double?
        var proposed: String
        var decided: String?
        var rating: String
        var rationale: String?
    }

    struct Finding {
        var id, area, title: String
        var percentage: Double?
    }

    struct Theme {
        var theme: String
        var interviews: Int
        var quotes: [String]
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
        guard let envelope = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            envelope["type"] as? String == "judgement.updated",
            let data = envelope["data"] as? [String: Any]
        else { return nil }
        func int(_ any: Any?) -> Int { (any as? NSNumber)?.intValue ?? 0 }
        func double(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }
        inspectionId = data["inspectionId"] as? String ?? "?"
        version = int(data["version"])
        status = data["status"] as? String ?? "?"
        let establishment = data["establishment"] as? [String: Any] ?? [:]
        establishmentName = establishment["name"] as? String ?? ""
        establishmentCode = establishment["code"] as? String ?? ""
        establishmentType = establishment["type"] as? String ?? ""
        fieldworkStart = data["fieldworkStart"] as? String ?? ""
        fieldworkEnd = data["fieldworkEnd"] as? String ?? ""
        publishedOn = data["publishedOn"] as? String
        let sample = data["sample"] as? [String: Any] ?? [:]
        caseFiles = int(sample["caseFiles"])
        inScope = int(sample["inScope"])
        outOfScope = int(sample["outOfScope"])
        youngAdults = int(sample["youngAdults"])
        interviews = (sample["interviews"] as? [String: Any] ?? [:]).mapValues { int($0) }
        criteria = (data["criteria"] as? [[String: Any]] ?? []).map { c in
            Criterion(
                id: c["criterionId"] as? String ?? "", area: c["area"] as? String ?? "", title: c["title"] as? String ?? "",
                yes: int(c["yes"]), no: int(c["no"]), notApplicable: int(c["notApplicable"]),
                percentage: double(c["percentage"]), sufficient: c["sufficientEvidence"] as? Bool ?? false)
        }
        areas = (data["areas"] as? [[String: Any]] ?? []).map { a in
            Area(
                area: a["area"] as? String ?? "", score: double(a["score"]), proposed: a["proposedRating"] as? String ?? "",
                decided: a["decidedRating"] as? String, rating: a["rating"] as? String ?? "", rationale: a["rationale"] as? String)
        }
        func findings(_ key: String) -> [Finding] {
            (data[key] as? [[String: Any]] ?? []).map { f in
                Finding(
                    id: f["criterionId"] as? String ?? "", area: f["area"] as? String ?? "", title: f["title"] as? String ?? "",
                    percentage: double(f["percentage"]))
            }
        }
        recommendations = findings("recommendations")
        goodPractice = findings("goodPractice")
        divergence = int(data["divergence"])
        staffThemes = (data["staffThemes"] as? [[String: Any]] ?? []).map { t in
            Theme(theme: t["theme"] as? String ?? "", interviews: int(t["interviews"]), quotes: t["quotes"] as? [String] ?? [])
        }
    }

    var totalInterviews: Int { interviews.values.reduce(0, +) }
}

extension Optional where Wrapped == Double {
    /// One decimal, or an en dash when absent.
    var formatted: String { map { String(format: "%.1f", $0) } ?? "–" }
}
