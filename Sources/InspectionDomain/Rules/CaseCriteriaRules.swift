/// The automatic rules of the fifteen case criteria (§6.2), one function per criterion,
/// each next to its rule text. Inspector-only criteria (AP4, PP4, RR3) are NA automatically.
enum CaseCriteriaRules {
    /// The criteria with an automatic rule; the raw value is the criterion id. Dispatch is a `switch`
    /// over direct calls: closures stored in a table made every call box and copy the whole record.
    enum Rule: String, CaseIterable, Sendable {
        case ap1 = "AP1", ap2 = "AP2", ap3 = "AP3"
        case im1 = "IM1", im2 = "IM2", im3 = "IM3", im4 = "IM4"
        case pp1 = "PP1", pp2 = "PP2", pp3 = "PP3"
        case rr1 = "RR1", rr2 = "RR2"

        /// The criterion's automatic answer for a record.
        func answer(_ r: CaseFileSubmitted, _ f: CaseFacts, _ c: WorkingDayCalendar) -> Answer {
            switch self {
            case .ap1: CaseCriteriaRules.ap1(r, f, c)
            case .ap2: CaseCriteriaRules.ap2(r, f, c)
            case .ap3: CaseCriteriaRules.ap3(r, f, c)
            case .im1: CaseCriteriaRules.im1(r, f, c)
            case .im2: CaseCriteriaRules.im2(r, f, c)
            case .im3: CaseCriteriaRules.im3(r, f, c)
            case .im4: CaseCriteriaRules.im4(r, f, c)
            case .pp1: CaseCriteriaRules.pp1(r, f, c)
            case .pp2: CaseCriteriaRules.pp2(r, f, c)
            case .pp3: CaseCriteriaRules.pp3(r, f, c)
            case .rr1: CaseCriteriaRules.rr1(r, f, c)
            case .rr2: CaseCriteriaRules.rr2(r, f, c)
            }
        }
    }

    /// The automatic rule of a criterion, if it has one.
    static func rule(for criterionId: String) -> Rule? { Rule(rawValue: criterionId) }

    static var automaticIDs: Set<String> { Set(Rule.allCases.map(\.rawValue)) }

    /// AP1 — "NA unless twelveMonthsPlus. Due oasysDeadline: the earliest INITIAL assessment
    /// (if none is marked INITIAL, the earliest assessment)."
    static func ap1(_ r: CaseFileSubmitted, _ f: CaseFacts, _ c: WorkingDayCalendar) -> Answer {
        guard f.twelveMonthsPlus else { return .notApplicable }
        var earliestInitial: CivilDate?
        var earliest: CivilDate?
        for a in r.oasysAssessments {
            guard let completedOn = a.completedOn else { continue }  // an undated assessment cannot be judged on time
            if a.kind == .initial && (earliestInitial.map { completedOn < $0 } ?? true) { earliestInitial = completedOn }
            if earliest.map({ completedOn < $0 }) ?? true { earliest = completedOn }
        }
        return DueRule.answer(happened: earliestInitial ?? earliest, due: f.oasysDeadline, asOf: f.asOf)
    }

    /// AP2 — "NA unless twelveMonthsPlus and days(startDate, asOf) ≥ 365. YES if any assessment has
    /// completedOn in [asOf − 365 days, asOf]; else NO."
    static func ap2(_ r: CaseFileSubmitted, _ f: CaseFacts, _ c: WorkingDayCalendar) -> Answer {
        guard f.twelveMonthsPlus, r.sentence.startDate.days(to: f.asOf) >= 365 else { return .notApplicable }
        return r.oasysAssessments.contains { $0.completedOn?.isWithin(days: 365, before: f.asOf) ?? false } ? .yes : .no
    }

    /// AP3 — "NA unless twelveMonthsPlus. YES if sentencePlan.createdOn is present and at least one objective
    /// has a non-empty riskFactor. Otherwise NO if asOf > oasysDeadline, else NA." (Empty after trimming counts as empty, §11.)
    static func ap3(_ r: CaseFileSubmitted, _ f: CaseFacts, _ c: WorkingDayCalendar) -> Answer {
        guard f.twelveMonthsPlus else { return .notApplicable }
        if r.sentencePlanCreatedOn != nil && r.anyObjectiveHasRiskFactor { return .yes }
        return f.asOf > f.oasysDeadline ? .no : .notApplicable
    }

    /// IM1 — "Due addWorkingDays(receptionDate, 2): offenderSupervisor.allocatedOn."
    static func im1(_ r: CaseFileSubmitted, _ f: CaseFacts, _ c: WorkingDayCalendar) -> Answer {
        DueRule.answer(happened: r.offenderSupervisorAllocatedOn, due: c.addWorkingDays(r.receptionDate, 2), asOf: f.asOf)
    }

    /// IM2 — "Due addWorkingDays(receptionDate, 10): offenderSupervisor.firstContactOn."
    static func im2(_ r: CaseFileSubmitted, _ f: CaseFacts, _ c: WorkingDayCalendar) -> Answer {
        DueRule.answer(happened: r.offenderSupervisorFirstContactOn, due: c.addWorkingDays(r.receptionDate, 10), asOf: f.asOf)
    }

    /// IM3 — "NA if days(receptionDate, asOf) < 91. YES if a contact with OFFENDER_SUPERVISOR has on in
    /// [asOf − 91 days, asOf], or offenderSupervisor.firstContactOn is in that window; else NO."
    static func im3(_ r: CaseFileSubmitted, _ f: CaseFacts, _ c: WorkingDayCalendar) -> Answer {
        guard r.receptionDate.days(to: f.asOf) >= 91 else { return .notApplicable }
        let contact = r.contacts.contains { $0.with == .offenderSupervisor && ($0.on?.isWithin(days: 91, before: f.asOf) ?? false) }
        let first = r.offenderSupervisorFirstContactOn?.isWithin(days: 91, before: f.asOf) ?? false
        return contact || first ? .yes : .no
    }

    /// IM4 — "NA unless inScope. YES if offenderManager.allocatedOn is present and the latest of
    /// offenderManager.lastContactOn and any contact with OFFENDER_MANAGER is in [asOf − 183 days, asOf]; else NO."
    static func im4(_ r: CaseFileSubmitted, _ f: CaseFacts, _ c: WorkingDayCalendar) -> Answer {
        guard f.inScope else { return .notApplicable }
        guard r.offenderManagerAllocatedOn != nil else { return .no }
        var latest = r.offenderManagerLastContactOn
        for contact in r.contacts where contact.with == .offenderManager {
            guard let on = contact.on else { continue }
            if latest.map({ on > $0 }) ?? true { latest = on }
        }
        guard let latest else { return .no }
        return latest.isWithin(days: 183, before: f.asOf) ? .yes : .no
    }

    /// PP1 — "YES if riskOfSeriousHarm is present; else NO."
    static func pp1(_ r: CaseFileSubmitted, _ f: CaseFacts, _ c: WorkingDayCalendar) -> Answer {
        r.riskOfSeriousHarm != nil ? .yes : .no
    }

    /// PP2 — "NA unless riskOfSeriousHarm is HIGH or VERY_HIGH. YES if riskManagementPlan is true; else NO."
    static func pp2(_ r: CaseFileSubmitted, _ f: CaseFacts, _ c: WorkingDayCalendar) -> Answer {
        guard r.riskOfSeriousHarm == .high || r.riskOfSeriousHarm == .veryHigh else { return .notApplicable }
        return r.riskManagementPlan == true ? .yes : .no
    }

    /// PP3 — "NA unless mappa.category is present. YES if mappa.level is present; else NO."
    static func pp3(_ r: CaseFileSubmitted, _ f: CaseFacts, _ c: WorkingDayCalendar) -> Answer {
        guard r.mappaCategory != nil else { return .notApplicable }
        return r.mappaLevel != nil ? .yes : .no
    }

    /// RR1 — "NA unless releaseDate is present and 0 ≤ days(asOf, releaseDate) ≤ 84. YES if all seven
    /// pathways are ASSESSED; else NO." (A missing pathway counts as NOT_ASSESSED.)
    static func rr1(_ r: CaseFileSubmitted, _ f: CaseFacts, _ c: WorkingDayCalendar) -> Answer {
        guard let release = f.releaseDate, (0...84).contains(f.asOf.days(to: release)) else { return .notApplicable }
        return r.allPathwaysAssessed ? .yes : .no
    }

    /// RR2 — "NA unless homeDetentionCurfewEligibilityDate is present and days(asOf, hdcEligibilityDate) ≤ 28.
    /// YES if hdc.decision is GRANTED or REFUSED; else NO." (No lower bound, §11.)
    static func rr2(_ r: CaseFileSubmitted, _ f: CaseFacts, _ c: WorkingDayCalendar) -> Answer {
        guard let eligible = r.sentence.homeDetentionCurfewEligibilityDate, f.asOf.days(to: eligible) <= 28 else { return .notApplicable }
        return r.hdcDecision == .granted || r.hdcDecision == .refused ? .yes : .no
    }
}
