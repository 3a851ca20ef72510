extension CriteriaCatalogue {
    /// `omi-v1.json` as written; checked and turned into a catalogue by ``init(json:file:)``.
    private struct File: Decodable {
        struct Entry: Decodable {
            var id: String
            var area: String
            var title: String
            var inspectorOnly: Bool?
            var question: String?
        }

        struct ThresholdValues: Decodable {
            var thresholds = Thresholds()

            private enum CodingKeys: String, CodingKey {
                case sufficientEvidence, good, reasonablyGood, notSufficientlyGood, criterionCap, recommendationBelow, goodPracticeAtLeast
            }

            init(from decoder: any Decoder) throws {
                let values = try decoder.container(keyedBy: CodingKeys.self)
                thresholds.sufficientEvidence = try values.decodeInteger(forKey: .sufficientEvidence)
                thresholds.good = try values.decodeInteger(forKey: .good)
                thresholds.reasonablyGood = try values.decodeInteger(forKey: .reasonablyGood)
                thresholds.notSufficientlyGood = try values.decodeInteger(forKey: .notSufficientlyGood)
                thresholds.criterionCap = try values.decodeInteger(forKey: .criterionCap)
                thresholds.recommendationBelow = try values.decodeInteger(forKey: .recommendationBelow)
                thresholds.goodPracticeAtLeast = try values.decodeInteger(forKey: .goodPracticeAtLeast)
            }
        }

        var framework: String
        /// All seven when present; the spec's defaults when absent or null.
        var thresholds: ThresholdValues?
        var criteria: [Entry]
    }

    /// Loads `omi-v1.json`.
    public init(json: [UInt8], file: String = "omi-v1.json") throws(RuleSetError) {
        let document = try ConfigDecoding.decode(File.self, from: json, file: file)
        var criteria: [Criterion] = []
        var seen = Set<String>()
        for (index, entry) in document.criteria.enumerated() {
            func error(_ key: String, _ reason: String) -> RuleSetError {
                RuleSetError(file: file, field: "criteria[\(index)].\(key)", reason: reason)
            }
            guard seen.insert(entry.id).inserted else { throw error("id", "duplicate criterion \(entry.id)") }
            guard let area = Area(rawValue: entry.area), area != .overall else { throw error("area", "unknown area \(entry.area)") }
            if area == .en && entry.question == nil { throw error("question", "EN criteria name their question") }
            if area != .en && entry.question != nil { throw error("question", "only EN criteria have a question") }
            criteria.append(
                Criterion(id: entry.id, area: area, title: entry.title, inspectorOnly: entry.inspectorOnly ?? false, question: entry.question))
        }
        // Every automatic rule in code must have its criterion in the catalogue, and vice versa.
        for id in CaseCriteriaRules.automaticIDs where !seen.contains(id) {
            throw RuleSetError(file: file, field: "criteria", reason: "criterion \(id) is missing")
        }
        for criterion in criteria where criterion.isCaseCriterion && !criterion.inspectorOnly {
            guard CaseCriteriaRules.automaticIDs.contains(criterion.id) else {
                throw RuleSetError(file: file, field: "criteria", reason: "criterion \(criterion.id) has no automatic rule; mark it inspectorOnly")
            }
        }
        self.init(framework: document.framework, criteria: criteria, thresholds: document.thresholds?.thresholds ?? Thresholds())
    }
}
