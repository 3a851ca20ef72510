/// The judgement document of §8.5, computed from an opened inspection's state.
public struct Judgement: Sendable {
    /// yes / no counts of a split.
    struct Split: Sendable {
        var yes = 0
        var no = 0
        mutating func count(_ answer: Answer) {
            if answer == .yes { yes += 1 } else if answer == .no { no += 1 }
        }
    }

    /// §8.2: the counts of one criterion.
    struct CriterionResult: Sendable {
        let criterion: Criterion
        var yes = 0
        var no = 0
        var notApplicable = 0
        var inScope = Split()
        var outOfScope = Split()
        var youngAdult = Split()

        mutating func count(_ answer: Answer, inScope scope: Bool?, youngAdult young: Bool?) {
            switch answer {
            case .yes: yes += 1
            case .no: no += 1
            case .notApplicable: notApplicable += 1
            }
            if let scope {
                if scope { inScope.count(answer) } else { outOfScope.count(answer) }
            }
            if young == true { youngAdult.count(answer) }
        }

        /// "percentage = 100 × yes / (yes + no) (null when yes + no = 0)"
        var percentage: Fraction? { Fraction.percentage(yes: yes, no: no) }
    }

    /// §8.3: one area's score and ratings.
    struct AreaResult: Sendable {
        let area: Area
        let score: Fraction?
        let proposed: Rating
        let decision: InspectionState.Decision?
        var rating: Rating { decision?.rating ?? proposed }
    }

    let state: InspectionState
    let opening: InspectionOpened
    let criteria: [CriterionResult]
    let areas: [AreaResult]
    let thresholds: Thresholds
    let themeNames: [String]

    init(state: InspectionState, rules: RuleSet) {
        self.state = state
        self.opening = state.opening!
        self.thresholds = rules.catalogue.thresholds
        self.themeNames = rules.codebook.themeNames
        // One pass over the case files and one over the interviews, each counting every criterion it feeds.
        var results = rules.catalogue.criteria.map { CriterionResult(criterion: $0) }
        let fromCaseFiles = results.indices.filter { results[$0].criterion.question == nil }
        let fromInterviews = results.indices.filter { results[$0].criterion.question != nil }
        // Each case file's merged answers by catalogue position (the inspector's where given, else the automatic
        // one): its answer tables are walked once instead of hashing every criterion id.
        var merged = [Answer?](repeating: nil, count: results.count)
        for caseFile in state.caseFiles.values {
            guard let record = caseFile.record else { continue }
            for index in merged.indices { merged[index] = nil }
            for (id, answer) in record.answers {
                if let position = rules.catalogue.position(of: id) { merged[position] = answer }
            }
            for (id, answer) in caseFile.inspectorAnswers {
                if let position = rules.catalogue.position(of: id) { merged[position] = answer }
            }
            for index in fromCaseFiles {
                results[index].count(merged[index] ?? .notApplicable, inScope: record.inScope, youngAdult: record.youngAdult)
            }
        }
        if !fromInterviews.isEmpty {
            // EN1–EN3 from PRISONER interviews; splits only when the linked record has arrived (§11).
            for interview in state.interviews.values where interview.kind == .prisoner {
                let record = interview.caseFileId.flatMap { state.caseFiles[$0]?.record }
                for index in fromInterviews {
                    let question = results[index].criterion.question
                    let answer = interview.answers.last(where: { $0.questionId == question })?.answer ?? .notApplicable
                    results[index].count(answer, inScope: record?.inScope, youngAdult: record?.youngAdult)
                }
            }
        }
        self.criteria = results
        self.areas = Judgement.areaResults(results, decisions: state.decisions, thresholds: rules.catalogue.thresholds)
    }

    /// Whether a criterion has sufficient evidence: yes + no ≥ 5.
    static func isSufficient(_ c: CriterionResult, _ t: Thresholds) -> Bool { c.yes + c.no >= t.sufficientEvidence }

    /// "≥ 80 GOOD; ≥ 65 REASONABLY_GOOD; ≥ 50 NOT_SUFFICIENTLY_GOOD; else POOR; null score → INSUFFICIENT_EVIDENCE."
    static func band(_ score: Fraction?, _ t: Thresholds) -> Rating {
        guard let score else { return .insufficientEvidence }
        if score.isAtLeast(t.good) { return .good }
        if score.isAtLeast(t.reasonablyGood) { return .reasonablyGood }
        if score.isAtLeast(t.notSufficientlyGood) { return .notSufficientlyGood }
        return .poor
    }

    /// Caps a rating at NOT_SUFFICIENTLY_GOOD.
    static func capped(_ rating: Rating) -> Rating {
        rating == .good || rating == .reasonablyGood ? .notSufficientlyGood : rating
    }

    static func areaResults(_ criteria: [CriterionResult], decisions: [String: InspectionState.Decision], thresholds t: Thresholds) -> [AreaResult] {
        var results: [AreaResult] = []
        for area in Area.criterionAreas {
            let sufficient = criteria.filter { $0.criterion.area == area && isSufficient($0, t) }
            // "score = the mean percentage of its criteria with sufficient evidence (null when none)"
            let score = Fraction.mean(sufficient.compactMap(\.percentage))
            var proposed = band(score, t)
            // "If any sufficient criterion of the area is below 50, the rating is at most NOT_SUFFICIENTLY_GOOD."
            if sufficient.contains(where: { $0.percentage?.isBelow(t.criterionCap) ?? false }) { proposed = capped(proposed) }
            results.append(AreaResult(area: area, score: score, proposed: proposed, decision: decisions[area.rawValue]))
        }
        // "OVERALL: score = mean of the area scores that are not null, rated the same way, and at most
        //  NOT_SUFFICIENTLY_GOOD if any area is POOR" — the areas' *proposed* ratings (§11).
        let overallScore = Fraction.mean(results.compactMap(\.score))
        var overall = band(overallScore, t)
        if results.contains(where: { $0.proposed == .poor }) { overall = capped(overall) }
        results.append(AreaResult(area: .overall, score: overallScore, proposed: overall, decision: decisions[Area.overall.rawValue]))
        return results
    }

    /// "A recommendation for every criterion with sufficient evidence below 65 %": percentage ascending, then catalogue order.
    var recommendations: [CriterionResult] {
        let picked = criteria.enumerated().filter {
            Judgement.isSufficient($0.element, thresholds) && $0.element.percentage!.isBelow(thresholds.recommendationBelow)
        }
        return picked.sorted { a, b in
            let (pa, pb) = (a.element.percentage!, b.element.percentage!)
            return pa == pb ? a.offset < b.offset : pa < pb
        }.map(\.element)
    }

    /// "Good practice for every criterion with sufficient evidence at 90 % or above": percentage descending, then catalogue order.
    var goodPractice: [CriterionResult] {
        let picked = criteria.enumerated().filter {
            Judgement.isSufficient($0.element, thresholds) && $0.element.percentage!.isAtLeast(thresholds.goodPracticeAtLeast)
        }
        return picked.sorted { a, b in
            let (pa, pb) = (a.element.percentage!, b.element.percentage!)
            return pa == pb ? a.offset < b.offset : pb < pa
        }.map(\.element)
    }

    /// "the number of PRISONER interviews whose case file has AP3 = YES while the interview's PI1 = NO" (needs the record, merged AP3).
    var divergence: Int {
        state.interviews.values.count { interview in
            guard interview.kind == .prisoner, let id = interview.caseFileId, let caseFile = state.caseFiles[id], caseFile.record != nil else {
                return false
            }
            return caseFile.answer("AP3") == .yes && interview.answers.last(where: { $0.questionId == "PI1" })?.answer == .no
        }
    }

    /// Per theme: the number of non-prisoner interviews mentioning it and the first three quotes
    /// by interviewId ascending, then segment order.
    var staffThemes: [(theme: String, interviews: Int, quotes: [String])] {
        let staff = state.interviews.values.filter { $0.kind != .prisoner }.sorted { $0.interviewId < $1.interviewId }
        return themeNames.map { theme in
            var count = 0
            var quotes: [String] = []
            for interview in staff {
                guard let mention = interview.themes.first(where: { $0.theme == theme }), mention.mentions > 0 else { continue }
                count += 1
                for quote in mention.quotes where quotes.count < InterviewCoder.quotesPerTheme { quotes.append(quote) }
            }
            return (theme, count, quotes)
        }
    }
}
