extension Judgement {
    /// Writes the §8.5 document (field order as there; optional fields omitted when absent; null percentages and scores as null).
    func write(to w: inout JSONWriter, version: Int) {
        // One pass over the case files for the sample counts and the evidence list.
        var caseRefs: [String] = []
        caseRefs.reserveCapacity(state.caseFiles.count)
        var inScope = 0
        var youngAdults = 0
        for evidence in state.caseFiles.values {
            guard let record = evidence.record else { continue }
            caseRefs.append(record.caseRef)
            if record.inScope { inScope += 1 }
            if record.youngAdult { youngAdults += 1 }
        }
        w.beginObject()
        w.field("inspectionId", state.inspectionId)
        w.field("version", version)
        w.field("status", state.status ?? .inProgress)
        w.key("establishment")
        w.beginObject()
        w.field("code", opening.establishment.code)
        w.optionalField("name", opening.establishment.name)
        w.field("type", opening.establishment.type)
        w.field("population", opening.establishment.population)
        w.endObject()
        w.field("framework", opening.framework)
        w.field("fieldworkStart", opening.fieldworkStart)
        w.field("fieldworkEnd", opening.fieldworkEnd)
        w.optionalField("publishedOn", state.publishedOn)

        w.key("sample")
        w.beginObject()
        w.field("caseFiles", caseRefs.count)
        w.field("inScope", inScope)
        w.field("outOfScope", caseRefs.count - inScope)
        w.field("youngAdults", youngAdults)
        w.key("interviews")
        w.beginObject()
        for kind in InterviewRecorded.Kind.allCases {
            w.field(JSONKey(kind.rawValue), state.interviews.values.count { $0.kind == kind })
        }
        w.endObject()
        w.endObject()

        w.key("criteria")
        w.beginArray()
        for c in criteria {
            w.beginObject()
            w.field("criterionId", c.criterion.id)
            w.field("area", c.criterion.area)
            w.field("title", c.criterion.title)
            w.field("yes", c.yes)
            w.field("no", c.no)
            w.field("notApplicable", c.notApplicable)
            w.key("percentage")
            Judgement.writePercentage(c.percentage, to: &w)
            w.field("sufficientEvidence", Judgement.isSufficient(c, thresholds))
            Judgement.write(split: c.inScope, named: "inScope", to: &w)
            Judgement.write(split: c.outOfScope, named: "outOfScope", to: &w)
            Judgement.write(split: c.youngAdult, named: "youngAdult", to: &w)
            w.endObject()
        }
        w.endArray()

        w.key("areas")
        w.beginArray()
        for a in areas {
            w.beginObject()
            w.field("area", a.area)
            w.key("score")
            Judgement.writePercentage(a.score, to: &w)
            w.field("proposedRating", a.proposed)
            w.optionalField("decidedRating", a.decision?.rating.rawValue)
            w.field("rating", a.rating)
            w.optionalField("rationale", a.decision?.rationale)
            w.endObject()
        }
        w.endArray()

        for (name, list) in [("recommendations" as JSONKey, recommendations), ("goodPractice", goodPractice)] {
            w.key(name)
            w.beginArray()
            for c in list {
                w.beginObject()
                w.field("criterionId", c.criterion.id)
                w.field("area", c.criterion.area)
                w.field("title", c.criterion.title)
                w.key("percentage")
                Judgement.writePercentage(c.percentage, to: &w)
                w.endObject()
            }
            w.endArray()
        }

        w.field("divergence", divergence)
        w.key("staffThemes")
        w.beginArray()
        for theme in staffThemes {
            w.beginObject()
            w.field("theme", theme.theme)
            w.field("interviews", theme.interviews)
            w.key("quotes")
            w.beginArray()
            for quote in theme.quotes { w.string(quote) }
            w.endArray()
            w.endObject()
        }
        w.endArray()

        w.key("evidence")
        w.beginObject()
        w.key("caseRefs")
        w.beginArray()
        caseRefs.sort()
        for ref in caseRefs { w.string(ref) }
        w.endArray()
        w.key("interviewIds")
        w.beginArray()
        for id in state.interviews.keys.sorted() { w.string(id) }
        w.endArray()
        w.endObject()
        w.endObject()
    }

    /// One split (`inScope`, `outOfScope`, `youngAdult`) of a criterion.
    static func write(split: Split, named name: JSONKey, to w: inout JSONWriter) {
        w.key(name)
        w.beginObject()
        w.field("yes", split.yes)
        w.field("no", split.no)
        w.key("percentage")
        writePercentage(Fraction.percentage(yes: split.yes, no: split.no), to: &w)
        w.endObject()
    }

    static func writePercentage(_ value: Fraction?, to w: inout JSONWriter) {
        if let value { w.tenths(value.roundedTenths) } else { w.null() }
    }
}
