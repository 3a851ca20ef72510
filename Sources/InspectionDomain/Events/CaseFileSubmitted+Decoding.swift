extension CaseFileSubmitted {
    /// Validates `data` field by field in §4.5's order.
    init(data d: borrowing FieldReader) throws(Rejection) {
        inspectionId = try d.requiredIdentifier("inspectionId", .id)
        caseFileId = try d.requiredIdentifier("caseFileId", .id)
        extractedAt = try d.requiredTimestamp("extractedAt")
        prisonNumber = try d.requiredIdentifier("prisonNumber", .prisonNumber)
        crn = try d.optionalIdentifier("crn", .crn)
        pncNumber = try d.optionalIdentifier("pncNumber", .pncNumber)
        dateOfBirth = try d.requiredDate("dateOfBirth")
        let code = try d.requiredString("establishmentCode")
        guard EstablishmentCode.isValid(code) else { throw Rejection(.schemaViolation, path: "data.establishmentCode", "does not match ^[A-Z]{3}$") }
        establishmentCode = code
        legalStatus = try d.requiredEnum("legalStatus", LegalStatus.self)

        let s = try d.requiredObject("sentence")
        let type = try s.requiredEnum("type", SentenceType.self)
        let startDate = try s.requiredDate("startDate")
        // "lengthMonths is required (≥ 1) for DETERMINATE and EXTENDED."
        let lengthMonths = try s.optionalInteger("lengthMonths", in: 1...Int.max)
        if lengthMonths == nil && (type == .determinate || type == .extended) { throw s.missing("lengthMonths") }
        sentence = Sentence(type: type, startDate: startDate, lengthMonths: lengthMonths,
                            conditionalReleaseDate: try s.optionalDate("conditionalReleaseDate"),
                            tariffDate: try s.optionalDate("tariffDate"),
                            homeDetentionCurfewEligibilityDate: try s.optionalDate("homeDetentionCurfewEligibilityDate"))

        receptionDate = try d.requiredDate("receptionDate")
        riskOfSeriousHarm = try d.optionalEnum("riskOfSeriousHarm", RiskLevel.self)
        riskManagementPlan = try d.optionalBool("riskManagementPlan")
        if let mappa = try d.optionalObject("mappa") {
            mappaCategory = try mappa.optionalInteger("category", in: 1...3)
            mappaLevel = try mappa.optionalInteger("level", in: 1...3)
        } else {
            mappaCategory = nil
            mappaLevel = nil
        }
        prolificPriorityOffender = try d.optionalBool("prolificPriorityOffender") ?? false
        if let os = try d.optionalObject("offenderSupervisor") {
            offenderSupervisorAllocatedOn = try os.optionalDate("allocatedOn")
            offenderSupervisorFirstContactOn = try os.optionalDate("firstContactOn")
        } else {
            offenderSupervisorAllocatedOn = nil
            offenderSupervisorFirstContactOn = nil
        }
        if let om = try d.optionalObject("offenderManager") {
            offenderManagerAllocatedOn = try om.optionalDate("allocatedOn")
            offenderManagerLastContactOn = try om.optionalDate("lastContactOn")
        } else {
            offenderManagerAllocatedOn = nil
            offenderManagerLastContactOn = nil
        }
        let assessmentElements = try d.optionalArray("oasysAssessments")
        var assessments: [Assessment] = []
        assessments.reserveCapacity(assessmentElements.count)
        for (index, element) in assessmentElements.enumerated() {
            let a = try d.element("oasysAssessments", index, element)
            assessments.append(Assessment(completedOn: try a.optionalDate("completedOn"), kind: try a.optionalEnum("kind", AssessmentKind.self)))
        }
        oasysAssessments = assessments
        var objectives: [Objective] = []
        if let plan = try d.optionalObject("sentencePlan") {
            sentencePlanCreatedOn = try plan.optionalDate("createdOn")
            let objectiveElements = try plan.optionalArray("objectives")
            objectives.reserveCapacity(objectiveElements.count)
            for (index, element) in objectiveElements.enumerated() {
                let o = try plan.element("objectives", index, element)
                try o.requireString("text")  // required, but no rule reads it
                objectives.append(Objective(riskFactor: try o.optionalString("riskFactor")))
            }
        } else {
            sentencePlanCreatedOn = nil
        }
        self.objectives = objectives
        let contactElements = try d.optionalArray("contacts")
        var contacts: [Contact] = []
        contacts.reserveCapacity(contactElements.count)
        for (index, element) in contactElements.enumerated() {
            let c = try d.element("contacts", index, element)
            contacts.append(Contact(on: try c.optionalDate("on"), with: try c.optionalEnum("with", ContactWith.self)))
        }
        self.contacts = contacts
        var assessed: UInt8 = 0
        if let r = try d.optionalObject("resettlement") {
            // Unknown pathways are ignored (§11); the seven known ones are checked in §4.5's order.
            for (bit, pathway) in CaseFileSubmitted.pathways.enumerated() where try r.optionalEnum(pathway, PathwayStatus.self) == .assessed {
                assessed |= 1 << bit
            }
        }
        self.assessedPathways = assessed
        if let h = try d.optionalObject("hdc") {
            hdcDecision = try h.optionalEnum("decision", HDCDecision.self)
        } else {
            hdcDecision = nil
        }
    }
}
