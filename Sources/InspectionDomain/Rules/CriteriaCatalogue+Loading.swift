extension CriteriaCatalogue {
    /// Loads `omi-v1.json`.
    public init(json: [UInt8], file: String = "omi-v1.json") throws(RuleSetError) {
        let root = try ConfigReader.root(json, file: file)
        let framework = try root.string("framework")
        var thresholds = Thresholds()
        if let t = try root.optionalObject("thresholds") {
            thresholds.sufficientEvidence = try t.integer("sufficientEvidence")
            thresholds.good = try t.integer("good")
            thresholds.reasonablyGood = try t.integer("reasonablyGood")
            thresholds.notSufficientlyGood = try t.integer("notSufficientlyGood")
            thresholds.criterionCap = try t.integer("criterionCap")
            thresholds.recommendationBelow = try t.integer("recommendationBelow")
            thresholds.goodPracticeAtLeast = try t.integer("goodPracticeAtLeast")
        }
        var criteria: [Criterion] = []
        var seen = Set<String>()
        for element in try root.objects("criteria") {
            let id = try element.string("id")
            guard seen.insert(id).inserted else { throw element.error("id", "duplicate criterion \(id)") }
            let areaText = try element.string("area")
            guard let area = Area(rawValue: areaText), area != .overall else { throw element.error("area", "unknown area \(areaText)") }
            let question = try element.optionalString("question")
            if area == .en && question == nil { throw element.error("question", "EN criteria name their question") }
            if area != .en && question != nil { throw element.error("question", "only EN criteria have a question") }
            criteria.append(
                Criterion(
                    id: id, area: area, title: try element.string("title"),
                    inspectorOnly: try element.optionalBool("inspectorOnly") ?? false, question: question))
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
        self.init(framework: framework, criteria: criteria, thresholds: thresholds)
    }
}
