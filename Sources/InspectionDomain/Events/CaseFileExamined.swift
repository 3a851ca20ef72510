/// `casefile.examined` (§4.6): the inspectors' answers for a case file.
public struct CaseFileExamined: Sendable, Equatable {
    public var inspectionId: String
    public var caseFileId: String
    public var examinedBy: String?
    /// Answers in the order given (a later answer for a criterion replaces an earlier one).
    public var answers: [(criterionId: String, answer: Answer)]

    public static func == (lhs: CaseFileExamined, rhs: CaseFileExamined) -> Bool {
        lhs.inspectionId == rhs.inspectionId && lhs.caseFileId == rhs.caseFileId && lhs.examinedBy == rhs.examinedBy
            && lhs.answers.elementsEqual(rhs.answers, by: { $0.criterionId == $1.criterionId && $0.answer == $1.answer })
    }
}

extension CaseFileExamined {
    /// Validates `data` in §4.6's order. Only the fifteen case criteria can be answered (§11).
    init(data d: borrowing FieldReader, catalogue: CriteriaCatalogue) throws(Rejection) {
        inspectionId = try d.requiredIdentifier("inspectionId", .id)
        caseFileId = try d.requiredIdentifier("caseFileId", .id)
        examinedBy = try d.optionalString("examinedBy")
        var answers: [(criterionId: String, answer: Answer)] = []
        for (index, element) in try d.requiredArray("answers").enumerated() {
            let a = try d.element("answers", index, element)
            let id = try a.requiredString("criterionId")
            guard let criterion = catalogue.criterion(id), criterion.isCaseCriterion else {
                throw Rejection(
                    .unknownCriterion, path: a.pathOf("criterionId"), "unknown criterion \(FieldReader.echoed(id))")
            }
            let answer = try a.requiredEnum("answer", Answer.self)
            _ = try a.optionalString("note")
            answers.append((id, answer))
        }
        self.answers = answers
    }
}
