extension PeriodAggregate.Tally {
    mutating func add(_ c: FinalJudgement.CriterionCounts) {
        yes += c.yes
        no += c.no
        notApplicable += c.notApplicable
    }
}
