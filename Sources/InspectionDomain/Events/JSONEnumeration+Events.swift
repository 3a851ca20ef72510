// The string enumerations the events' decoders read, each with its byte table (see `JSONEnumeration`).

extension EventType: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension Answer: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension Area: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension Rating: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension InspectionStatus: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }

extension CaseFileSubmitted.LegalStatus: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension CaseFileSubmitted.SentenceType: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension CaseFileSubmitted.RiskLevel: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension CaseFileSubmitted.ContactWith: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension CaseFileSubmitted.AssessmentKind: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension CaseFileSubmitted.PathwayStatus: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension CaseFileSubmitted.HDCDecision: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }

extension CaseFileAssessed.Origin: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension CaseFileAssessed.Provenance: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }

extension InspectionOpened.EstablishmentType: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension InspectionOpened.Population: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }

extension InterviewRecorded.Kind: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension InterviewRecorded.Speaker: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension InterviewRecorded.ResponseAnswer: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
extension InterviewRecorded.QuestionID: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }

extension InterviewCoded.Provenance: JSONEnumeration { static let jsonNames = EnumerationTable<Self>() }
