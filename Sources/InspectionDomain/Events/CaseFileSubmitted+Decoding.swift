extension CaseFileSubmitted {
    /// Validates `data` field by field in §4.5's order.
    init(data d: borrowing FieldReader) throws(Rejection) {
        let inspectionId = try d.requiredIdentifier("inspectionId", .id)
        let caseFileId = try d.requiredIdentifier("caseFileId", .id)
        let extractedAt = try d.requiredTimestamp("extractedAt")
        let prisonNumber = try d.requiredIdentifier("prisonNumber", .prisonNumber)
        let crn = try d.optionalIdentifier("crn", .crn)
        let pncNumber = try d.optionalIdentifier("pncNumber", .pncNumber)
        let dateOfBirth = try d.requiredDate("dateOfBirth")
        let establishmentCode = try d.requiredString("establishmentCode")
        guard EstablishmentCode.isValid(establishmentCode) else {
            throw Rejection(.schemaViolation, path: "data.establishmentCode", "does not match ^[A-Z]{3}$")
        }
        let legalStatus = try d.requiredEnum("legalStatus", LegalStatus.self)

        let s = try d.requiredObject("sentence")
        let type = try s.requiredEnum("type", SentenceType.self)
        let startDate = try s.requiredDate("startDate")
        // "lengthMonths is required (≥ 1) for DETERMINATE and EXTENDED."
        let lengthMonths = try s.optionalInteger("lengthMonths", in: 1...Int.max)
        if lengthMonths == nil && (type == .determinate || type == .extended) { throw s.missing("lengthMonths") }
        let sentence = Sentence(
            type: type, startDate: startDate, lengthMonths: lengthMonths,
            conditionalReleaseDate: try s.optionalDate("conditionalReleaseDate"),
            tariffDate: try s.optionalDate("tariffDate"),
            homeDetentionCurfewEligibilityDate: try s.optionalDate("homeDetentionCurfewEligibilityDate"))

        let receptionDate = try d.requiredDate("receptionDate")
        let riskOfSeriousHarm = try d.optionalEnum("riskOfSeriousHarm", RiskLevel.self)
        let riskManagementPlan = try d.optionalBool("riskManagementPlan")
        let mappaCategory: Int?, mappaLevel: Int?
        if let mappa = try d.optionalObject("mappa") {
            mappaCategory = try mappa.optionalInteger("category", in: 1...3)
            mappaLevel = try mappa.optionalInteger("level", in: 1...3)
        } else {
            mappaCategory = nil
            mappaLevel = nil
        }
        let prolificPriorityOffender = try d.optionalBool("prolificPriorityOffender") ?? false
        let offenderSupervisorAllocatedOn: CivilDate?, offenderSupervisorFirstContactOn: CivilDate?
        if let os = try d.optionalObject("offenderSupervisor") {
            offenderSupervisorAllocatedOn = try os.optionalDate("allocatedOn")
            offenderSupervisorFirstContactOn = try os.optionalDate("firstContactOn")
        } else {
            offenderSupervisorAllocatedOn = nil
            offenderSupervisorFirstContactOn = nil
        }
        let offenderManagerAllocatedOn: CivilDate?, offenderManagerLastContactOn: CivilDate?
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
        let oasysAssessments = assessments
        var anyObjectiveHasRiskFactor = false
        let sentencePlanCreatedOn: CivilDate?
        if let plan = try d.optionalObject("sentencePlan") {
            sentencePlanCreatedOn = try plan.optionalDate("createdOn")
            let objectiveElements = try plan.optionalArray("objectives")
            for (index, element) in objectiveElements.enumerated() {
                let o = try plan.element("objectives", index, element)
                try o.requireString("text")  // required, but no rule reads it
                if try o.optionalNonBlank("riskFactor") == true { anyObjectiveHasRiskFactor = true }
            }
        } else {
            sentencePlanCreatedOn = nil
        }
        let contactElements = try d.optionalArray("contacts")
        var contacts: [Contact] = []
        contacts.reserveCapacity(contactElements.count)
        for (index, element) in contactElements.enumerated() {
            let c = try d.element("contacts", index, element)
            contacts.append(Contact(on: try c.optionalDate("on"), with: try c.optionalEnum("with", ContactWith.self)))
        }
        var assessed: UInt8 = 0
        if let r = try d.optionalObject("resettlement") {
            // Unknown pathways are ignored (§11); the seven known ones are checked in §4.5's order.
            for (bit, pathway) in CaseFileSubmitted.pathways.enumerated() where try r.optionalEnum(pathway, PathwayStatus.self) == .assessed {
                assessed |= 1 << bit
            }
        }
        let hdcDecision: HDCDecision?
        if let h = try d.optionalObject("hdc") {
            hdcDecision = try h.optionalEnum("decision", HDCDecision.self)
        } else {
            hdcDecision = nil
        }
        // Built in one step from the decoded values, so the record is constructed in place rather than copied.
        self.init(
            inspectionId: inspectionId, caseFileId: caseFileId, extractedAt: extractedAt, prisonNumber: prisonNumber, crn: crn,
            pncNumber: pncNumber, dateOfBirth: dateOfBirth, establishmentCode: establishmentCode, legalStatus: legalStatus,
            sentence: sentence, receptionDate: receptionDate, riskOfSeriousHarm: riskOfSeriousHarm,
            riskManagementPlan: riskManagementPlan, mappaCategory: mappaCategory, mappaLevel: mappaLevel,
            prolificPriorityOffender: prolificPriorityOffender, offenderSupervisorAllocatedOn: offenderSupervisorAllocatedOn,
            offenderSupervisorFirstContactOn: offenderSupervisorFirstContactOn, offenderManagerAllocatedOn: offenderManagerAllocatedOn,
            offenderManagerLastContactOn: offenderManagerLastContactOn, oasysAssessments: oasysAssessments,
            sentencePlanCreatedOn: sentencePlanCreatedOn, anyObjectiveHasRiskFactor: anyObjectiveHasRiskFactor, contacts: contacts,
            assessedPathways: assessed,
            hdcDecision: hdcDecision)
    }
}
