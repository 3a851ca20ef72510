/// The identifiers whose pattern failures are `INVALID_IDENTIFIER` (§4, §4.5, §11).
enum IdentifierKind {
    /// `inspectionId`, `caseFileId`, `interviewId`: `^[A-Z0-9][A-Z0-9-]{2,63}$`.
    case id
    /// `prisonNumber`: `^[A-Z][0-9]{4}[A-Z]{2}$`.
    case prisonNumber
    /// `crn`: `^[A-Z][0-9]{6}$`.
    case crn
    /// `pncNumber`: `YY/NNNNNNNC` or `YYYY/NNNNNNNC`, serial of 1–7 digits, valid check letter.
    case pncNumber

    /// Nil when valid, else the reason (never echoing the value: identifiers can be personal data).
    func problem(_ text: String) -> String? {
        text.withUTF8Bytes { bytes in
            switch self {
            case .id:
                return IdentifierPatterns.isID(bytes) ? nil : "does not match ^[A-Z0-9][A-Z0-9-]{2,63}$"
            case .prisonNumber:
                return IdentifierPatterns.isPrisonNumber(bytes) ? nil : "does not match ^[A-Z][0-9]{4}[A-Z]{2}$"
            case .crn:
                return IdentifierPatterns.isCRN(bytes) ? nil : "does not match ^[A-Z][0-9]{6}$"
            case .pncNumber:
                guard IdentifierPatterns.isPNCShape(bytes) else { return "not a PNC number: YY/NNNNNNNC or YYYY/NNNNNNNC expected" }
                return IdentifierPatterns.pncCheckLetterIsValid(bytes) ? nil : "PNC check letter is wrong"
            }
        }
    }
}
