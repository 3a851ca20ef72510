import Foundation

/// A realistic, seeded inspection: case files across every criterion's branches, examinations, prisoner
/// and staff interviews, an inspector's decision and the lifecycle events. Built as `JSONText`.
struct SampleInspection {
    typealias JSON = JSONText

    let inspectionId: String
    let caseFiles: Int
    var random: SeededGenerator
    private var eventCounter = 0
    let asOf = Day(2026, 3, 2)
    let fieldworkEnd = Day(2026, 3, 13)
    let publishedOn = Day(2026, 6, 15)

    init(inspectionId: String, caseFiles: Int, seed: UInt64) {
        self.inspectionId = inspectionId
        self.caseFiles = caseFiles
        self.random = SeededGenerator(seed: seed)
    }

    /// One CloudEvent to publish: topic kind, key and JSON value.
    struct Event {
        var topic: Topic
        var value: JSON
        var type: String { value["type"]?.stringValue ?? "" }
    }

    enum Topic { case inspections, casefiles, interviews }

    mutating func envelope(_ type: String, source: String, data: JSON, topic: Topic) -> Event {
        eventCounter += 1
        let id = String(format: "%08x-0000-4000-8000-%012x", UInt32(truncatingIfNeeded: inspectionId.hashValueStable), eventCounter)
        return Event(
            topic: topic,
            value: [
                "specversion": "1.0", "id": .string(id), "source": .string(source), "type": .string(type),
                "time": "2026-03-02T09:00:00Z", "subject": .string(inspectionId), "datacontenttype": "application/json", "data": data,
            ])
    }

    mutating func opening() -> Event {
        envelope(
            "inspection.opened", source: "urn:inspection-management",
            data: [
                "inspectionId": .string(inspectionId),
                "establishment": ["code": "MDI", "name": "HMP Moorland", "type": "TRAINING", "population": "ADULT"],
                "fieldworkStart": .string(asOf.text), "fieldworkEnd": .string(fieldworkEnd.text), "framework": "omi-v1",
            ], topic: .inspections)
    }

    /// Case records, examinations, interviews and one decision.
    mutating func evidence() -> [Event] {
        var events: [Event] = []
        for index in 1...caseFiles { events.append(caseFile(index)) }
        for index in 1...caseFiles where index % 3 != 0 { events.append(examination(index)) }
        for index in 1...min(6, caseFiles) { events.append(prisonerInterview(index)) }
        events.append(
            staffInterview(
                1, kind: "OFFENDER_SUPERVISOR",
                lines: [
                    "My caseload is far too high, I have no time to see people properly.",
                    "I had no training on the new risk tool and supervision is rare.",
                ]))
        events.append(
            staffInterview(
                2, kind: "OMU_PRACTITIONER_GROUP",
                lines: [
                    "We work across two systems and can't see the notes from the community.",
                    "The offender manager in probation rarely calls back.",
                    "There is a long waiting list for the thinking skills programme.",
                ]))
        events.append(
            staffInterview(
                3, kind: "MANAGER",
                lines: [
                    "Staff are overstretched and the case record is often out of date."
                ]))
        events.append(
            envelope(
                "inspection.judgement-decided", source: "urn:inspection-management",
                data: [
                    "inspectionId": .string(inspectionId), "area": "RR", "rating": "REASONABLY_GOOD",
                    "rationale": "Release planning was sound in most cases examined.", "decidedBy": "lead-inspector",
                ], topic: .inspections))
        return events
    }

    mutating func fieldworkClosed() -> Event {
        envelope(
            "inspection.fieldwork-closed", source: "urn:inspection-management",
            data: ["inspectionId": .string(inspectionId), "closedOn": .string(fieldworkEnd.text)], topic: .inspections)
    }

    mutating func reportPublished() -> Event {
        envelope(
            "inspection.report-published", source: "urn:inspection-management",
            data: ["inspectionId": .string(inspectionId), "publishedOn": .string(publishedOn.text)], topic: .inspections)
    }

    /// The number of interviews `evidence()` records.
    var interviewCount: Int { min(6, caseFiles) + 3 }

    private func caseFileId(_ index: Int) -> String { String(format: "CF-%04d", index) }

    private mutating func caseFile(_ index: Int) -> Event {
        let type = random.pick(["DETERMINATE", "DETERMINATE", "DETERMINATE", "EXTENDED", "IPP", "LIFE", "LIFE"])
        let start = asOf.adding(-Int.random(in: 20...1500, using: &random))
        let reception = start.adding(Int.random(in: 0...20, using: &random))
        var sentence: JSON = ["type": .string(type), "startDate": .string(start.text)]
        if type == "DETERMINATE" || type == "EXTENDED" {
            sentence["lengthMonths"] = random.pick([6, 9, 12, 18, 24, 36, 48, 72, 120])
            sentence["conditionalReleaseDate"] = .string(asOf.adding(Int.random(in: -5...500, using: &random)).text)
            if random.chance(0.5) {
                sentence["homeDetentionCurfewEligibilityDate"] = .string(asOf.adding(Int.random(in: -60...60, using: &random)).text)
            }
        } else {
            sentence["tariffDate"] = random.chance(0.8) ? .string(asOf.adding(Int.random(in: 30...3000, using: &random)).text) : .null
        }
        let rosh: JSON = random.chance(0.15) ? .null : random.pick(["LOW", "MEDIUM", "HIGH", "VERY_HIGH"])
        var data: JSON = [
            "inspectionId": .string(inspectionId), "caseFileId": .string(caseFileId(index)), "extractedAt": "2026-03-02T08:00:00Z",
            "prisonNumber": .string(prisonNumber(index)), "crn": .string(String(format: "X%06d", 100_000 + index)),
            "pncNumber": .string(SampleInspection.pnc(year: 10 + index % 15, serial: 123_456 + index * 37)),
            "dateOfBirth": .string(asOf.adding(-365 * Int.random(in: 18...62, using: &random) - Int.random(in: 0...364, using: &random)).text),
            "establishmentCode": "MDI", "legalStatus": random.pick(["SENTENCED", "SENTENCED", "RECALL", "INDETERMINATE_SENTENCE"]),
            "sentence": sentence, "receptionDate": .string(reception.text),
            "riskOfSeriousHarm": rosh, "riskManagementPlan": .bool(random.chance(0.7)),
            "prolificPriorityOffender": .bool(random.chance(0.1)),
            "offenderSupervisor": [
                "allocatedOn": .string(reception.adding(Int.random(in: 0...6, using: &random)).text),
                "firstContactOn": random.chance(0.85) ? .string(reception.adding(Int.random(in: 1...25, using: &random)).text) : .null,
            ],
        ]
        if random.chance(0.35) {
            data["mappa"] = [
                "category": .integer(Int.random(in: 1...3, using: &random)),
                "level": random.chance(0.7) ? .integer(Int.random(in: 1...3, using: &random)) : .null,
            ]
        }
        if random.chance(0.75) {
            data["offenderManager"] = [
                "allocatedOn": .string(reception.adding(Int.random(in: 1...40, using: &random)).text),
                "lastContactOn": .string(asOf.adding(-Int.random(in: 0...300, using: &random)).text),
            ]
        }
        var assessments: [JSON] = []
        if random.chance(0.9) {
            assessments.append(["completedOn": .string(start.adding(Int.random(in: 10...150, using: &random)).text), "kind": "INITIAL"])
        }
        if random.chance(0.6) {
            assessments.append(["completedOn": .string(asOf.adding(-Int.random(in: 0...500, using: &random)).text), "kind": "REVIEW"])
        }
        data["oasysAssessments"] = .array(assessments)
        if random.chance(0.8) {
            data["sentencePlan"] = [
                "createdOn": .string(start.adding(Int.random(in: 20...120, using: &random)).text),
                "objectives": [
                    [
                        "text": "Complete a thinking skills programme",
                        "riskFactor": random.chance(0.8) ? "THINKING_AND_BEHAVIOUR" : " ",
                    ]
                ],
            ]
        }
        data["contacts"] = .array(
            (0..<Int.random(in: 0...3, using: &random)).map { _ in
                [
                    "on": .string(asOf.adding(-Int.random(in: 0...200, using: &random)).text),
                    "with": random.pick(["OFFENDER_SUPERVISOR", "OFFENDER_MANAGER", "KEY_WORKER"]),
                ]
            })
        var pathways: JSON = [:]
        for pathway in [
            "ACCOMMODATION", "EDUCATION_TRAINING_EMPLOYMENT", "HEALTH", "DRUGS_ALCOHOL",
            "FINANCE_BENEFIT_DEBT", "CHILDREN_FAMILIES", "ATTITUDES_THINKING_BEHAVIOUR",
        ] {
            pathways[pathway] = random.chance(0.9) ? "ASSESSED" : "NOT_ASSESSED"
        }
        data["resettlement"] = pathways
        if random.chance(0.7) { data["hdc"] = ["decision": random.pick(["GRANTED", "REFUSED", "PENDING"])] }
        return envelope("casefile.submitted", source: "urn:case-system:nomis", data: data, topic: .casefiles)
    }

    private mutating func examination(_ index: Int) -> Event {
        var answers: [JSON] = []
        for criterion in ["AP4", "PP4", "RR3"] {
            answers.append([
                "criterionId": .string(criterion), "answer": random.chance(0.72) ? "YES" : (random.chance(0.8) ? "NO" : "NOT_APPLICABLE"),
                "note": "Sample note",
            ])
        }
        if random.chance(0.2) { answers.append(["criterionId": "IM1", "answer": "YES"]) }
        return envelope(
            "casefile.examined", source: "urn:case-assessment:tool",
            data: [
                "inspectionId": .string(inspectionId), "caseFileId": .string(caseFileId(index)), "examinedBy": .string("inspector-\(index % 4 + 1)"),
                "answers": .array(answers),
            ], topic: .casefiles)
    }

    private mutating func prisonerInterview(_ index: Int) -> Event {
        let name = random.pick(["John Smith", "Aaron O'Neil-Smith", "David Jones", "Peter Brown", "Samuel Green", "Michael White"])
        var data: JSON = [
            "inspectionId": .string(inspectionId), "interviewId": .string(String(format: "IV-%04d", index)), "kind": "PRISONER",
            "caseFileId": .string(caseFileId(index)), "conductedOn": .string(asOf.adding(2).text),
            "participants": [["role": "PRISONER", "name": .string(name)], ["role": "INSPECTOR", "name": "A. Inspector"]],
        ]
        if index % 2 == 0 {
            data["responses"] = [
                ["questionId": "PI1", "answer": random.pick(["YES", "NO", "UNSURE"])],
                ["questionId": "PI2", "answer": random.pick(["YES", "NO"])],
                ["questionId": "PI3", "answer": random.pick(["YES", "YES", "NO"])],
            ]
            data["segments"] = [["speaker": "INSPECTOR", "text": "Thank you for talking to us."]]
        } else {
            let first = name.split(separator: " ").first.map(String.init) ?? name
            data["segments"] = [
                ["speaker": "INSPECTOR", "text": "Do you know what is in your sentence plan?"],
                [
                    "speaker": "PRISONER",
                    "text": random.chance(0.6)
                        ? "Yes, I know my targets, I have to do my maths course." : "I don’t know my sentence plan, nobody showed me.",
                ],
                [
                    "speaker": "PRISONER",
                    "text": random.chance(0.5)
                        ? "They asked me what I wanted, we did the plan together."
                        : .string("I was just given the plan. My name is \(first), number \(prisonNumber(index))."),
                ],
                [
                    "speaker": "PRISONER",
                    "text": random.chance(0.6) ? "I see my offender supervisor regularly." : "I never see my offender supervisor.",
                ],
            ]
        }
        return envelope("interview.recorded", source: "urn:interview-recording", data: data, topic: .interviews)
    }

    private mutating func staffInterview(_ index: Int, kind: String, lines: [String]) -> Event {
        envelope(
            "interview.recorded", source: "urn:interview-recording",
            data: [
                "inspectionId": .string(inspectionId), "interviewId": .string(String(format: "IV-%04d", 100 + index)), "kind": .string(kind),
                "conductedOn": .string(asOf.adding(3).text),
                "participants": [["role": "STAFF", "name": "Karen Mills"], ["role": "INSPECTOR", "name": "A. Inspector"]],
                "segments": .array(
                    [["speaker": "INSPECTOR", "text": "How is offender management going?"]] + lines.map { ["speaker": "STAFF", "text": .string($0)] }),
            ], topic: .interviews)
    }

    private func prisonNumber(_ index: Int) -> String {
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        return "A\(String(format: "%04d", 1000 + index))\(letters[index % letters.count])\(letters[(index * 7) % letters.count])"
    }

    /// A PNC number with a valid check letter (SPEC §4.5).
    static func pnc(year: Int, serial: Int) -> String {
        let letters = Array("ZABCDEFGHJKLMNPQRTUVWXY")
        let number = (year % 100) * 10_000_000 + serial
        return String(format: "%02d/%07d", year % 100, serial) + String(letters[number % 23])
    }
}

/// A calendar day for building sample data.
struct Day {
    let date: Date

    init(_ year: Int, _ month: Int, _ day: Int) {
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        date = calendar.date(from: components)!
    }

    private init(date: Date) { self.date = date }

    func adding(_ days: Int) -> Day { Day(date: date.addingTimeInterval(Double(days) * 86_400)) }

    var text: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}

extension String {
    /// A hash stable across runs (FNV-1a), unlike `hashValue`.
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
