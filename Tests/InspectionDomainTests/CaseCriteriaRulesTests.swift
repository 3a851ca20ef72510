import Testing

@testable import InspectionDomain

/// Every criterion's YES / NO / NA branches, with boundary days, computed by hand from §6.
///
/// The base record (TestEvents.caseFileData): DETERMINATE 36 months from 2025-01-10, reception Monday 2025-02-03,
/// extracted 2026-02-27 (asOf), no release date → oasysDeadline = 2025-01-10 + 112 = 2025-05-02.
@Suite struct CaseCriteriaRulesTests {
    typealias Mutation = (inout [String: Any]) -> Void

    static func answer(_ id: String, _ mutate: Mutation) throws -> Answer {
        var data = TestEvents.caseFileData()
        mutate(&data)
        let record = try TestEvents.record(data)
        // Through the assessor, so inspector-only criteria take their catalogue treatment.
        return CaseFileAssessor(rules: try Fixtures.rules, pseudonymKey: []).answers(for: record).first { $0.criterionId == id }!.answer
    }

    static func asOf(_ date: String) -> Mutation { { $0["extractedAt"] = date + "T12:00:00Z" } }
    static func sentence(_ s: [String: Any]) -> Mutation {
        {
            var base: [String: Any] = ["type": "DETERMINATE", "startDate": "2025-01-10", "lengthMonths": 36]; base.merge(s) { $1 };
            $0["sentence"] = base
        }
    }
    static func oasys(_ list: [(String, String)]) -> Mutation { { $0["oasysAssessments"] = list.map { ["completedOn": $0.0, "kind": $0.1] } } }
    static func all(_ mutations: Mutation...) -> Mutation { { data in for m in mutations { m(&data) } } }

    nonisolated(unsafe) static let cases: [(String, String, Mutation, Answer)] = [
        // AP1 — due oasysDeadline: the earliest INITIAL assessment.
        ("AP1", "under 12 months", sentence(["lengthMonths": 11]), .notApplicable),
        ("AP1", "initial on the deadline day", oasys([("2025-05-02", "INITIAL")]), .yes),
        ("AP1", "initial the day after", oasys([("2025-05-03", "INITIAL")]), .no),
        ("AP1", "none and asOf past deadline", { _ in }, .no),
        ("AP1", "none and asOf on the deadline", asOf("2025-05-02"), .notApplicable),
        ("AP1", "none and asOf the day after", asOf("2025-05-03"), .no),
        ("AP1", "earliest INITIAL, not earliest overall", oasys([("2025-02-01", "REVIEW"), ("2025-06-01", "INITIAL")]), .no),
        ("AP1", "no INITIAL: earliest of any", oasys([("2025-08-01", "REVIEW"), ("2025-04-01", "REVIEW")]), .yes),
        (
            "AP1", "release < 730 days: deadline +56 (2025-03-07)",
            all(sentence(["conditionalReleaseDate": "2026-07-10"]), oasys([("2025-03-07", "INITIAL")])), .yes
        ),
        ("AP1", "release < 730 days: a day late", all(sentence(["conditionalReleaseDate": "2026-07-10"]), oasys([("2025-03-08", "INITIAL")])), .no),
        ("AP1", "release exactly 730 days: +112", all(sentence(["conditionalReleaseDate": "2027-01-10"]), oasys([("2025-04-01", "INITIAL")])), .yes),
        ("AP1", "release 729 days: +56", all(sentence(["conditionalReleaseDate": "2027-01-09"]), oasys([("2025-04-01", "INITIAL")])), .no),
        (
            "AP1", "LIFE applies without length",
            all(sentence(["type": "LIFE", "lengthMonths": NSNullValue.null]), oasys([("2025-05-02", "INITIAL")])), .yes
        ),
        (
            "AP1", "IPP uses tariffDate, not CRD",
            all(sentence(["type": "IPP", "conditionalReleaseDate": "2026-07-10"]), oasys([("2025-04-01", "INITIAL")])), .yes
        ),
        // AP2 — NA unless 12m+ and days(start, asOf) ≥ 365; YES if any assessment in [asOf − 365, asOf].
        ("AP2", "under 12 months", all(sentence(["lengthMonths": 6]), oasys([("2026-01-01", "REVIEW")])), .notApplicable),
        ("AP2", "364 days into sentence", all(asOf("2026-01-09"), oasys([("2026-01-01", "REVIEW")])), .notApplicable),
        ("AP2", "365 days into sentence, none", asOf("2026-01-10"), .no),
        ("AP2", "assessment on asOf − 365", oasys([("2025-02-27", "INITIAL")]), .yes),
        ("AP2", "assessment on asOf − 366", oasys([("2025-02-26", "INITIAL")]), .no),
        ("AP2", "assessment on asOf", oasys([("2026-02-27", "REVIEW")]), .yes),
        ("AP2", "assessment after asOf only", oasys([("2026-03-01", "REVIEW")]), .no),
        // AP3 — YES if plan created and a non-empty riskFactor; else NO if asOf > deadline, else NA.
        ("AP3", "under 12 months", sentence(["lengthMonths": 3]), .notApplicable),
        (
            "AP3", "plan with a risk factor",
            { $0["sentencePlan"] = ["createdOn": "2025-03-05", "objectives": [["text": "a", "riskFactor": "THINKING"]]] }, .yes
        ),
        (
            "AP3", "blank risk factor after deadline",
            { $0["sentencePlan"] = ["createdOn": "2025-03-05", "objectives": [["text": "a", "riskFactor": " \t "]]] }, .no
        ),
        (
            "AP3", "no risk factor, asOf on deadline",
            all(asOf("2025-05-02"), { $0["sentencePlan"] = ["createdOn": "2025-03-05", "objectives": [["text": "a"]]] }), .notApplicable
        ),
        ("AP3", "no plan, asOf the day after deadline", asOf("2025-05-03"), .no),
        (
            "AP3", "risk factor of Unicode whitespace only",
            { $0["sentencePlan"] = ["createdOn": "2025-03-05", "objectives": [["text": "a", "riskFactor": "\u{A0}\u{3000} "]]] }, .no
        ),
        (
            "AP3", "risk factor of a non-ASCII letter after spaces",
            { $0["sentencePlan"] = ["createdOn": "2025-03-05", "objectives": [["text": "a", "riskFactor": "  É"]]] }, .yes
        ),
        ("AP3", "risk factor but no createdOn", { $0["sentencePlan"] = ["objectives": [["text": "a", "riskFactor": "X"]]] }, .no),
        (
            "AP3", "one of several objectives",
            {
                $0["sentencePlan"] = [
                    "createdOn": "2025-03-05", "objectives": [["text": "a", "riskFactor": ""], ["text": "b", "riskFactor": "DRUGS"]],
                ]
            }, .yes
        ),
        // AP4 — inspector only.
        ("AP4", "always NA automatically", { _ in }, .notApplicable),
        // IM1 — due addWorkingDays(reception, 2): Monday 2025-02-03 → Wednesday 2025-02-05.
        ("IM1", "allocated on the due day", { $0["offenderSupervisor"] = ["allocatedOn": "2025-02-05"] }, .yes),
        ("IM1", "allocated the day after", { $0["offenderSupervisor"] = ["allocatedOn": "2025-02-06"] }, .no),
        ("IM1", "not allocated, asOf the due day", asOf("2025-02-05"), .notApplicable),
        ("IM1", "not allocated, asOf after", asOf("2025-02-06"), .no),
        (
            "IM1", "across a weekend: Thu → Mon, on time",
            {
                $0["receptionDate"] = "2025-02-06"; $0["offenderSupervisor"] = ["allocatedOn": "2025-02-10"]
            }, .yes
        ),
        (
            "IM1", "across a weekend: Tuesday is late",
            {
                $0["receptionDate"] = "2025-02-06"; $0["offenderSupervisor"] = ["allocatedOn": "2025-02-11"]
            }, .no
        ),
        (
            "IM1", "across Christmas bank holidays: due Mon 29th",
            {
                $0["receptionDate"] = "2025-12-23"; $0["offenderSupervisor"] = ["allocatedOn": "2025-12-29"]
            }, .yes
        ),
        (
            "IM1", "across Christmas bank holidays: Tue 30th late",
            {
                $0["receptionDate"] = "2025-12-23"; $0["offenderSupervisor"] = ["allocatedOn": "2025-12-30"]
            }, .no
        ),
        (
            "IM1", "dates later than asOf taken as they are",
            {
                $0["offenderSupervisor"] = ["allocatedOn": "2025-02-04"]; $0["extractedAt"] = "2025-02-01T00:00:00Z"
            }, .yes
        ),
        // IM2 — due addWorkingDays(reception, 10): 2025-02-03 → 2025-02-17.
        ("IM2", "first contact on the due day", { $0["offenderSupervisor"] = ["firstContactOn": "2025-02-17"] }, .yes),
        ("IM2", "first contact a day late", { $0["offenderSupervisor"] = ["firstContactOn": "2025-02-18"] }, .no),
        ("IM2", "none, asOf due day", asOf("2025-02-17"), .notApplicable),
        ("IM2", "none, asOf after", asOf("2025-02-18"), .no),
        (
            "IM2", "across Easter 2026: due 2026-04-17",
            {
                $0["receptionDate"] = "2026-04-01"; $0["offenderSupervisor"] = ["firstContactOn": "2026-04-17"]
            }, .yes
        ),
        (
            "IM2", "across Easter 2026: 2026-04-20 late",
            {
                $0["receptionDate"] = "2026-04-01"; $0["offenderSupervisor"] = ["firstContactOn": "2026-04-20"]
            }, .no
        ),
        // IM3 — NA if days(reception, asOf) < 91; window [asOf − 91, asOf] = [2025-11-28, 2026-02-27].
        (
            "IM3", "received 90 days ago",
            {
                $0["receptionDate"] = "2025-11-29"; $0["contacts"] = [["on": "2026-02-01", "with": "OFFENDER_SUPERVISOR"]]
            }, .notApplicable
        ),
        ("IM3", "received 91 days ago, no contact", { $0["receptionDate"] = "2025-11-28" }, .no),
        ("IM3", "contact on the window's first day", { $0["contacts"] = [["on": "2025-11-28", "with": "OFFENDER_SUPERVISOR"]] }, .yes),
        ("IM3", "contact the day before the window", { $0["contacts"] = [["on": "2025-11-27", "with": "OFFENDER_SUPERVISOR"]] }, .no),
        ("IM3", "contact with a key worker only", { $0["contacts"] = [["on": "2026-02-01", "with": "KEY_WORKER"]] }, .no),
        ("IM3", "first contact in the window", { $0["offenderSupervisor"] = ["firstContactOn": "2026-01-15"] }, .yes),
        ("IM3", "contact after asOf", { $0["contacts"] = [["on": "2026-02-28", "with": "OFFENDER_SUPERVISOR"]] }, .no),
        // IM4 — NA unless inScope; window [asOf − 183, asOf] = [2025-08-28, 2026-02-27].
        (
            "IM4", "out of scope",
            {
                $0["riskOfSeriousHarm"] = "LOW"; $0["offenderManager"] = ["allocatedOn": "2025-02-10", "lastContactOn": "2026-01-01"]
            }, .notApplicable
        ),
        (
            "IM4", "in scope, last contact on window start",
            {
                $0["riskOfSeriousHarm"] = "HIGH"; $0["offenderManager"] = ["allocatedOn": "2025-02-10", "lastContactOn": "2025-08-28"]
            }, .yes
        ),
        (
            "IM4", "in scope, last contact a day earlier",
            {
                $0["riskOfSeriousHarm"] = "HIGH"; $0["offenderManager"] = ["allocatedOn": "2025-02-10", "lastContactOn": "2025-08-27"]
            }, .no
        ),
        (
            "IM4", "not allocated",
            {
                $0["riskOfSeriousHarm"] = "VERY_HIGH"; $0["offenderManager"] = ["lastContactOn": "2026-01-01"]
            }, .no
        ),
        (
            "IM4", "latest from contacts",
            {
                $0["prolificPriorityOffender"] = true; $0["offenderManager"] = ["allocatedOn": "2025-02-10", "lastContactOn": "2025-01-01"];
                $0["contacts"] = [["on": "2026-01-01", "with": "OFFENDER_MANAGER"]]
            }, .yes
        ),
        (
            "IM4", "allocated, no contact at all",
            {
                $0["sentence"] = ["type": "LIFE", "startDate": "2025-01-10"]; $0["offenderManager"] = ["allocatedOn": "2025-02-10"]
            }, .no
        ),
        // PP1–PP3.
        ("PP1", "recorded", { $0["riskOfSeriousHarm"] = "LOW" }, .yes),
        ("PP1", "absent", { _ in }, .no),
        ("PP1", "null", { $0["riskOfSeriousHarm"] = NSNullValue.null }, .no),
        (
            "PP2", "low risk",
            {
                $0["riskOfSeriousHarm"] = "MEDIUM"; $0["riskManagementPlan"] = true
            }, .notApplicable
        ),
        (
            "PP2", "high risk with plan",
            {
                $0["riskOfSeriousHarm"] = "HIGH"; $0["riskManagementPlan"] = true
            }, .yes
        ),
        (
            "PP2", "very high risk, plan false",
            {
                $0["riskOfSeriousHarm"] = "VERY_HIGH"; $0["riskManagementPlan"] = false
            }, .no
        ),
        ("PP2", "high risk, plan absent", { $0["riskOfSeriousHarm"] = "HIGH" }, .no),
        ("PP3", "no mappa", { _ in }, .notApplicable),
        ("PP3", "empty mappa", { $0["mappa"] = [String: Any]() }, .notApplicable),
        ("PP3", "category without level", { $0["mappa"] = ["category": 1] }, .no),
        ("PP3", "category with level", { $0["mappa"] = ["category": 3, "level": 2] }, .yes),
        ("PP3", "category with null level", { $0["mappa"] = ["category": 2, "level": NSNullValue.null] }, .no),
        ("PP4", "inspector only", { _ in }, .notApplicable),
        // RR1 — NA unless 0 ≤ days(asOf, releaseDate) ≤ 84 (asOf + 84 = 2026-05-22).
        (
            "RR1", "release in 84 days, all assessed",
            all(
                sentence(["conditionalReleaseDate": "2026-05-22"]),
                { $0["resettlement"] = Dictionary(uniqueKeysWithValues: CaseFileSubmitted.pathways.map { ($0.description, "ASSESSED") }) }), .yes
        ),
        (
            "RR1", "release in 84 days, one missing",
            all(
                sentence(["conditionalReleaseDate": "2026-05-22"]),
                { $0["resettlement"] = Dictionary(uniqueKeysWithValues: CaseFileSubmitted.pathways.dropLast().map { ($0.description, "ASSESSED") }) }),
            .no
        ),
        (
            "RR1", "release in 84 days, one NOT_ASSESSED",
            all(
                sentence(["conditionalReleaseDate": "2026-05-22"]),
                {
                    var r = Dictionary(uniqueKeysWithValues: CaseFileSubmitted.pathways.map { ($0.description, "ASSESSED") });
                    r["HEALTH"] = "NOT_ASSESSED"; $0["resettlement"] = r
                }), .no
        ),
        ("RR1", "release in 85 days", sentence(["conditionalReleaseDate": "2026-05-23"]), .notApplicable),
        ("RR1", "release today", sentence(["conditionalReleaseDate": "2026-02-27"]), .no),
        ("RR1", "release yesterday", sentence(["conditionalReleaseDate": "2026-02-26"]), .notApplicable),
        ("RR1", "no release date", { _ in }, .notApplicable),
        ("RR1", "LIFE uses tariffDate", sentence(["type": "LIFE", "tariffDate": "2026-03-01"]), .no),
        ("RR1", "IPP ignores CRD", sentence(["type": "IPP", "conditionalReleaseDate": "2026-03-01"]), .notApplicable),
        // RR2 — NA unless days(asOf, HDCED) ≤ 28 (asOf + 28 = 2026-03-27); no lower bound.
        ("RR2", "eligible in 28 days, pending", sentence(["homeDetentionCurfewEligibilityDate": "2026-03-27"]), .no),
        ("RR2", "eligible in 29 days", sentence(["homeDetentionCurfewEligibilityDate": "2026-03-28"]), .notApplicable),
        ("RR2", "granted", all(sentence(["homeDetentionCurfewEligibilityDate": "2026-03-01"]), { $0["hdc"] = ["decision": "GRANTED"] }), .yes),
        ("RR2", "refused", all(sentence(["homeDetentionCurfewEligibilityDate": "2026-03-01"]), { $0["hdc"] = ["decision": "REFUSED"] }), .yes),
        ("RR2", "pending", all(sentence(["homeDetentionCurfewEligibilityDate": "2026-03-01"]), { $0["hdc"] = ["decision": "PENDING"] }), .no),
        ("RR2", "long past, no decision", sentence(["homeDetentionCurfewEligibilityDate": "2020-01-01"]), .no),
        ("RR2", "no eligibility date", { $0["hdc"] = ["decision": "GRANTED"] }, .notApplicable),
        ("RR3", "inspector only", { _ in }, .notApplicable),
    ]

    @Test(arguments: 0..<cases.count)
    func criterion(_ index: Int) throws {
        let (id, name, mutate, expected) = Self.cases[index]
        let actual = try Self.answer(id, mutate)
        #expect(actual == expected, "\(id) \(name): got \(actual)")
    }

    @Test func everyCriterionHasYesNoAndNABranchesCovered() {
        let ids = ["AP1", "AP2", "AP3", "IM1", "IM2", "IM3", "IM4", "PP2", "PP3", "RR1", "RR2"]
        for id in ids {
            let answers = Set(Self.cases.filter { $0.0 == id }.map(\.3))
            #expect(answers == [.yes, .no, .notApplicable], "\(id) lacks a branch")
        }
    }
}

@Suite struct CaseFactsTests {
    static func facts(_ mutate: (inout [String: Any]) -> Void) throws -> CaseFacts {
        var data = TestEvents.caseFileData()
        mutate(&data)
        return CaseFacts(try TestEvents.record(data))
    }

    @Test(arguments: [
        ("2008-02-29", "2026-02-28", 17, false),  // 29 February reached on 1 March
        ("2008-02-29", "2026-03-01", 18, true),
        ("2005-02-28", "2026-02-27", 20, true),
        ("2005-02-28", "2026-02-28", 21, false),
        ("1999-05-14", "2026-02-27", 26, false),
    ])
    func ages(_ birth: String, _ asOf: String, _ age: Int, _ young: Bool) throws {
        let f = try Self.facts {
            $0["dateOfBirth"] = birth; $0["extractedAt"] = asOf + "T10:00:00Z"
        }
        #expect(f.age == age)
        #expect(f.youngAdult == young)
    }

    @Test func asOfIsTheUTCDate() throws {
        #expect(try Self.facts { $0["extractedAt"] = "2026-02-28T00:30:00+01:00" }.asOf.description == "2026-02-27")
        #expect(try Self.facts { $0["extractedAt"] = "2026-02-27T23:30:00-01:00" }.asOf.description == "2026-02-28")
    }

    @Test func scope() throws {
        #expect(try Self.facts { _ in }.inScope == false)
        #expect(try Self.facts { $0["riskOfSeriousHarm"] = "HIGH" }.inScope)
        #expect(try Self.facts { $0["riskOfSeriousHarm"] = "MEDIUM" }.inScope == false)
        #expect(try Self.facts { $0["prolificPriorityOffender"] = true }.inScope)
        #expect(try Self.facts { $0["sentence"] = ["type": "IPP", "startDate": "2020-01-01"] }.inScope)
    }
}
