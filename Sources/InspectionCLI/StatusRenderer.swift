import Foundation

/// Lays a ``StatusReport`` out for people (aligned tables, in colour when asked) or as JSON.
struct StatusRenderer: Sendable {
    /// ANSI colours on (a terminal without `NO_COLOR`).
    var colour: Bool

    /// SGR codes used.
    private enum Style: String {
        case bold = "1", dim = "2", red = "31", green = "32", yellow = "33"
    }

    /// One table cell: its text, an optional style, and whether it is aligned right (numbers).
    private struct Cell {
        var text: String
        var style: Style?
        var right: Bool

        init(_ text: String, _ style: Style? = nil, right: Bool = false) {
            self.text = text
            self.style = style
            self.right = right
        }

        init(number: Int64?, _ style: Style? = nil) { self.init(number.map(String.init) ?? "–", style, right: true) }
    }

    private func paint(_ text: String, _ style: Style?) -> String {
        guard colour, let style else { return text }
        return "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m"
    }

    /// Rows under a header, columns as wide as their widest cell, indented by `indent`.
    private func table(_ header: [String], _ rows: [[Cell]], indent: String = "  ") -> [String] {
        let all = [header.map { Cell($0, .dim) }] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.text.count) } }
        return all.map { row in
            let cells = row.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.text.count)
                let painted = paint(cell.text, cell.style)
                return index == row.count - 1 && !cell.right ? painted : cell.right ? padding + painted : painted + padding
            }
            return indent + cells.joined(separator: "  ")
        }
    }

    /// The human layout, one line per element (no trailing newline).
    func lines(_ report: StatusReport) -> [String] {
        var lines = [paint("Inspection pipeline at \(report.generatedAt)", .bold) + " (brokers \(report.bootstrapServers))", ""]
        lines += groupLines(report)
        lines += [""] + deadLetterLines(report.deadLetters)
        lines += [""] + healthLines(report.health)
        lines += [""] + inspectionLines(report)
        if !report.problems.isEmpty {
            lines += ["", paint("Problems", .bold)] + report.problems.map { "  " + paint($0, .red) }
        }
        return lines
    }

    private func groupLines(_ report: StatusReport) -> [String] {
        var lines = [paint("Consumer groups", .bold)]
        guard !report.groups.isEmpty else { return lines + ["  none"] }
        lines += table(
            ["WORKER", "GROUP", "STATE", "MEMBERS", "LAG"],
            report.groups.map { group in
                let state = group.state ?? "unknown"
                return [
                    Cell(group.worker ?? "–"), Cell(group.groupId), Cell(state, state == "Stable" ? nil : group.members.isEmpty ? .red : .yellow),
                    Cell(number: Int64(group.members.count), group.members.isEmpty ? .red : nil),
                    Cell(number: group.lag, group.lag > 0 ? .yellow : nil),
                ]
            })
        for group in report.groups {
            lines += ["", "  " + paint(group.worker.map { "\($0) (group \(group.groupId))" } ?? "group \(group.groupId)", .bold)]
            for (index, member) in group.members.enumerated() {
                var line = "    member \(index + 1): \(member.memberId)"
                if let client = member.clientId { line += "  client \(client)" }
                if let host = member.host { line += "  host \(host)" }
                if let assignment = member.assignment {
                    line += "  partitions " + (assignment.isEmpty ? "none" : Self.partitionList(assignment))
                } else {
                    line += paint("  (assignment not reported by the broker)", .dim)
                }
                lines.append(line)
            }
            if group.members.isEmpty { lines.append("    " + paint("no members", .red)) }
            guard !group.partitions.isEmpty else {
                lines.append("    no partitions")
                continue
            }
            let memberNumbers = Dictionary(group.members.enumerated().map { ($1.memberId, $0 + 1) }, uniquingKeysWith: { first, _ in first })
            lines += table(
                ["PARTITION", "COMMITTED", "END", "LAG", "MEMBER"],
                group.partitions.map { partition in
                    [
                        Cell("\(partition.topic)[\(partition.partition)]"), Cell(number: partition.committedOffset),
                        Cell(number: partition.endOffset),
                        Cell(number: partition.lag, (partition.lag ?? 0) > 0 ? .yellow : nil),
                        Cell(partition.memberId.flatMap { memberNumbers[$0] }.map(String.init) ?? "–", right: true),
                    ]
                }, indent: "    ")
        }
        return lines
    }

    private func deadLetterLines(_ deadLetters: StatusReport.DeadLetters) -> [String] {
        var lines = [paint("Dead letters", .bold) + ": " + paint("\(deadLetters.total)", deadLetters.total > 0 ? .yellow : nil)]
        let rows = deadLetters.topics.flatMap { topic in
            topic.codes.map { code in [Cell(topic.topic), Cell(code.code), Cell(number: Int64(code.count), .yellow), Cell(code.newestAt ?? "–")] }
        }
        if !rows.isEmpty { lines += table(["TOPIC", "CODE", "COUNT", "NEWEST"], rows) }
        let empty = deadLetters.topics.filter { $0.count == 0 }.map { $0.exists ? $0.topic : "\($0.topic) (not created)" }
        if !empty.isEmpty { lines.append("  " + paint("none on " + empty.joined(separator: ", "), .dim)) }
        return lines
    }

    private func healthLines(_ health: [StatusReport.Health]) -> [String] {
        let lines = [paint("Readiness", .bold) + " (/health/ready)"]
        guard !health.isEmpty else { return lines + ["  " + paint("no endpoints given (--health WORKER=http://127.0.0.1:PORT)", .dim)] }
        return lines
            + table(
                ["WORKER", "URL", "READY"],
                health.map { answer in
                    let text =
                        answer.ready
                        ? "ready" : answer.httpStatus == nil ? "no answer" : "not ready (\(answer.reason ?? "HTTP \(answer.httpStatus!)"))"
                    return [Cell(answer.worker), Cell(answer.url), Cell(text, answer.ready ? .green : .red)]
                })
    }

    private func inspectionLines(_ report: StatusReport) -> [String] {
        let inProgress = report.inspections.filter { $0.status != "FINAL" }.count
        var heading = paint("Inspections in progress", .bold) + ": \(inProgress)"
        let listedFinal = report.inspections.count - inProgress
        if report.finalInspections > 0 {
            heading += listedFinal > 0 ? " (and \(report.finalInspections) FINAL)" : " (\(report.finalInspections) FINAL not listed)"
        }
        guard !report.inspections.isEmpty else { return [heading] }
        return [heading]
            + table(
                ["INSPECTION", "STATUS", "VERSION", "UPDATED"],
                report.inspections.map { [Cell($0.inspectionId), Cell($0.status), Cell(number: Int64($0.version)), Cell($0.updatedAt ?? "–")] })
    }

    /// `casefiles[0,1,2] casefiles.assessed[0]`: partitions grouped by topic.
    static func partitionList(_ partitions: [StatusReport.PartitionName]) -> String {
        var order: [String] = []
        var numbers: [String: [Int32]] = [:]
        for partition in partitions {
            if numbers[partition.topic] == nil { order.append(partition.topic) }
            numbers[partition.topic, default: []].append(partition.partition)
        }
        return order.map { "\($0)[\(numbers[$0]!.sorted().map(String.init).joined(separator: ","))]" }.joined(separator: " ")
    }

    /// The report as JSON: indented with sorted keys, or on one line (one report per line under `--watch`).
    static func json(_ report: StatusReport, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}
