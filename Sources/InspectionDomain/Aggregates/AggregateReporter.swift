/// aggregate-reporter: its state is one `PeriodAggregate` per period.
public struct AggregateReporter: Sendable {
    let rules: RuleSet

    /// Creates the reporter.
    public init(rules: RuleSet) {
        self.rules = rules
    }

    /// Decodes a `judgement.updated` (validation → `Rejection` for bad input); nil when the judgement is not FINAL.
    public func decode(key: [UInt8]?, value: [UInt8]?) -> Result<FinalJudgement?, Rejection> {
        let event: CloudEvent
        switch CloudEvent.decode(value) {
        case .success(let decoded): event = decoded
        case .failure(let rejection): return .failure(rejection)
        }
        do throws(Rejection) {
            try event.requireType(in: [EventType.judgementUpdated.rawValue], topic: "reporting.judgements")
            // Field readers borrow the document: they are used only inside this closure, while the event holds it.
            return try event.readingData { d throws(Rejection) -> Result<FinalJudgement?, Rejection> in
                let inspectionId = try d.requiredIdentifier("inspectionId", .id)
                _ = try d.requiredInteger("version", in: 0...Int.max)
                let status = try d.requiredEnum("status", InspectionStatus.self)
                let establishment = try d.requiredObject("establishment")
                let type = try establishment.requiredEnum("type", InspectionOpened.EstablishmentType.self)
                let publishedOn = try d.optionalDate("publishedOn")
                if status == .final && publishedOn == nil { throw d.missing("publishedOn") }
                var counts: [FinalJudgement.CriterionCounts] = []
                for (index, element) in try d.requiredArray("criteria").enumerated() {
                    let c = try d.element("criteria", index, element)
                    let id = try c.requiredString("criterionId")
                    guard rules.catalogue.criterion(id) != nil else {
                        throw Rejection(
                            .unknownCriterion, path: c.pathOf("criterionId"), "unknown criterion \(FieldReader.echoed(id))")
                    }
                    // Bounded so that sums over a period cannot overflow.
                    counts.append(
                        .init(
                            criterionId: id, yes: try c.requiredInteger("yes", in: 0...1_000_000_000),
                            no: try c.requiredInteger("no", in: 0...1_000_000_000),
                            notApplicable: try c.requiredInteger("notApplicable", in: 0...1_000_000_000)))
                }
                var ratings: [String: Rating] = [:]
                for (index, element) in try d.requiredArray("areas").enumerated() {
                    let a = try d.element("areas", index, element)
                    let area = try a.requiredEnum("area", Area.self)
                    ratings[area.rawValue] = try a.requiredEnum("rating", Rating.self)
                }
                try event.requireKey(key, matches: inspectionId)
                guard status == .final, let publishedOn else { return .success(nil) }
                return .success(
                    FinalJudgement(
                        inspectionId: inspectionId, publishedOn: publishedOn, establishmentType: type,
                        criteria: counts, ratings: ratings))
            }
        } catch {
            return .failure(error.redactingPersonalData(of: event))
        }
    }

    /// The reporting period of a judgement: the financial year containing `publishedOn`, e.g. `FY2026-27`.
    public func period(of judgement: FinalJudgement) -> String {
        ReportingPeriod.id(containing: judgement.publishedOn)
    }

    /// Adds a FINAL judgement to its period unless that inspectionId is already counted; true when counted
    /// (the caller then increments `version` and publishes).
    public func add(_ judgement: FinalJudgement, to aggregate: inout PeriodAggregate) -> Bool {
        guard !aggregate.inspectionIds.contains(judgement.inspectionId) else { return false }
        let insertAt = aggregate.inspectionIds.firstIndex { $0 > judgement.inspectionId } ?? aggregate.inspectionIds.count
        aggregate.inspectionIds.insert(judgement.inspectionId, at: insertAt)
        var byType = aggregate.byEstablishmentType[judgement.establishmentType.rawValue] ?? .init()
        byType.inspections += 1
        for c in judgement.criteria {
            aggregate.criteria[c.criterionId, default: .init()].add(c)
            byType.criteria[c.criterionId, default: .init()].add(c)
        }
        aggregate.byEstablishmentType[judgement.establishmentType.rawValue] = byType
        for (area, rating) in judgement.ratings {
            aggregate.ratings[area, default: [:]][rating.rawValue, default: 0] += 1
        }
        return true
    }

    /// `aggregate.updated` (§9), key = period id, event id deterministic from (period, version).
    public func aggregateEvent(for aggregate: PeriodAggregate, time: String) -> OutputEvent {
        let value = OutputEnvelope.write(
            id: EventIdentifier.uuid(OutputEnvelope.aggregateReporter + "\u{0}" + aggregate.period + "\u{0}" + String(aggregate.version)),
            worker: OutputEnvelope.aggregateReporter, type: EventType.aggregateUpdated.rawValue, time: time, subject: nil, capacity: 8192
        ) { w in
            write(aggregate, to: &w)
        }
        return OutputEvent(key: Array(aggregate.period.utf8), value: value)
    }

    func write(_ a: PeriodAggregate, to w: inout JSONWriter) {
        let bounds = ReportingPeriod.bounds(of: a.period)
        w.beginObject()
        w.field("period", a.period)
        w.optionalField("from", bounds?.from)
        w.optionalField("to", bounds?.to)
        w.field("version", a.version)
        w.field("inspections", a.inspectionIds.count)
        w.key("inspectionIds")
        w.beginArray()
        for id in a.inspectionIds { w.string(id) }
        w.endArray()
        w.key("criteria")
        w.beginArray()
        for criterion in rules.catalogue.criteria {
            w.beginObject()
            w.field("criterionId", criterion.id)
            w.field("area", criterion.area)
            w.field("title", criterion.title)
            writeTally(a.criteria[criterion.id] ?? .init(), to: &w)
            w.endObject()
        }
        w.endArray()
        w.key("byEstablishmentType")
        w.beginArray()
        for type in a.byEstablishmentType.keys.sorted() {
            let tally = a.byEstablishmentType[type]!
            w.beginObject()
            w.field("type", type)
            w.field("inspections", tally.inspections)
            w.key("criteria")
            w.beginArray()
            for criterion in rules.catalogue.criteria {
                w.beginObject()
                w.field("criterionId", criterion.id)
                writeTally(tally.criteria[criterion.id] ?? .init(), to: &w)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("ratings")
        w.beginArray()
        for area in Area.allCases {
            w.beginObject()
            w.field("area", area)
            for rating in Rating.allCases {
                w.field(JSONKey(rating.rawValue), a.ratings[area.rawValue]?[rating.rawValue] ?? 0)
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    func writeTally(_ t: PeriodAggregate.Tally, to w: inout JSONWriter) {
        w.field("yes", t.yes)
        w.field("no", t.no)
        w.field("notApplicable", t.notApplicable)
        w.key("percentage")
        Judgement.writePercentage(Fraction.percentage(yes: t.yes, no: t.no), to: &w)
    }
}
