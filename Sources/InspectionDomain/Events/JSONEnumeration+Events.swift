import FastJSON

// The string enumerations the events' decoders read, each with its byte table (see `JSONEnumeration`).

extension EventType: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension Answer: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension Area: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension Rating: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension InspectionStatus: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }

extension CaseFileSubmitted.LegalStatus: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension CaseFileSubmitted.SentenceType: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension CaseFileSubmitted.RiskLevel: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension CaseFileSubmitted.ContactWith: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension CaseFileSubmitted.AssessmentKind: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension CaseFileSubmitted.PathwayStatus: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension CaseFileSubmitted.HDCDecision: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }

extension CaseFileAssessed.Origin: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension CaseFileAssessed.Provenance: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }

extension InspectionOpened.EstablishmentType: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension InspectionOpened.Population: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }

extension InterviewRecorded.Kind: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension InterviewRecorded.Speaker: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension InterviewRecorded.ResponseAnswer: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
extension InterviewRecorded.QuestionID: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }

extension InterviewCoded.Provenance: JSONEnumeration { public static let jsonNames = EnumerationTable<Self>() }
