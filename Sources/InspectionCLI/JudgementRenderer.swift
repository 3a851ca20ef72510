import Foundation

/// Renders a judgement as a terminal table, Markdown provisional findings, or a self-contained HTML page.
enum JudgementRenderer {
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
    }

    /// A readable table for `inspection tail`.
    static func table(_ j: JudgementView) -> String {
        var out = "\n\(j.inspectionId)  \(j.establishmentName) (\(j.establishmentCode), \(j.establishmentType))  version \(j.version)  \(j.status)"
        if let published = j.publishedOn { out += "  published \(published)" }
        out += "\nsample: \(j.caseFiles) case files (\(j.inScope) in scope, \(j.outOfScope) out of scope, \(j.youngAdults) young adults); "
        out +=
            "interviews: "
            + ["PRISONER", "OFFENDER_SUPERVISOR", "OMU_PRACTITIONER_GROUP", "MANAGER"].map { "\($0) \(j.interviews[$0] ?? 0)" }.joined(
                separator: ", ")
        out += "\n\n" + pad("AREA", 9) + pad("SCORE", 7) + pad("PROPOSED", 24) + pad("DECIDED", 24) + "RATING\n"
        for a in j.areas {
            out += pad(a.area, 9) + pad(a.score.formatted, 7) + pad(a.proposed, 24) + pad(a.decided ?? "–", 24) + a.rating + "\n"
        }
        out += "\n" + pad("CRITERION", 10) + pad("TITLE", 58) + pad("YES", 5) + pad("NO", 5) + pad("N/A", 5) + pad("%", 7) + "EVIDENCE\n"
        for c in j.criteria {
            out +=
                pad(c.id, 10) + pad(c.title, 58) + pad("\(c.yes)", 5) + pad("\(c.no)", 5) + pad("\(c.notApplicable)", 5)
                + pad(c.percentage.formatted, 7) + (c.sufficient ? "sufficient" : "insufficient") + "\n"
        }
        return out
    }

    /// The provisional-findings summary a report writer reads.
    static func markdown(_ j: JudgementView) -> String {
        var md =
            "# \(j.status == "FINAL" ? "Inspection findings" : "Joint provisional findings"): \(j.establishmentName) (\(j.establishmentCode))\n\n"
        md += "- Inspection: `\(j.inspectionId)`, framework omi-v1, fieldwork \(j.fieldworkStart) to \(j.fieldworkEnd)\n"
        md += "- Status: **\(j.status)** (judgement version \(j.version))" + (j.publishedOn.map { ", report published \($0)" } ?? "") + "\n"
        md +=
            "- Sample: \(j.caseFiles) case files (\(j.inScope) in scope of the OMM, \(j.outOfScope) out of scope, \(j.youngAdults) young adults) and \(j.totalInterviews) interviews\n\n"
        md += "## Ratings\n\n| Area | Score | Proposed | Decided | Rating |\n|---|---:|---|---|---|\n"
        for a in j.areas {
            md += "| \(areaName(a.area)) | \(a.score.formatted) | \(label(a.proposed)) | \(a.decided.map(label) ?? "–") | **\(label(a.rating))** |\n"
        }
        for a in j.areas where a.rationale != nil { md += "\n> \(areaName(a.area)): \(a.rationale!)\n" }
        md += "\n## Criteria\n\n| Criterion | Title | Yes | No | N/A | % | Evidence |\n|---|---|---:|---:|---:|---:|---|\n"
        for c in j.criteria {
            md +=
                "| \(c.id) | \(c.title) | \(c.yes) | \(c.no) | \(c.notApplicable) | \(c.percentage.formatted) | \(c.sufficient ? "sufficient" : "insufficient") |\n"
        }
        md += "\n## Recommendations\n\n"
        md +=
            j.recommendations.isEmpty
            ? "None.\n"
            : j.recommendations.enumerated().map { "\($0 + 1). \($1.title) (\($1.id), \($1.percentage.formatted) %)" }.joined(separator: "\n") + "\n"
        md += "\n## Good practice\n\n"
        md +=
            j.goodPractice.isEmpty
            ? "None identified.\n" : j.goodPractice.map { "- \($0.title) (\($0.id), \($0.percentage.formatted) %)" }.joined(separator: "\n") + "\n"
        md += "\n## Triangulation\n\n- Prisoners with a sentence plan that addresses risk but who do not know it: **\(j.divergence)**\n"
        md += "\n## What staff told us\n\n"
        for t in j.staffThemes {
            md += "- **\(label(t.theme))**: \(t.interviews) interview\(t.interviews == 1 ? "" : "s")\n"
            for q in t.quotes { md += "  - “\(q)”\n" }
        }
        return md
    }

    /// A self-contained HTML page with a bar chart of criterion percentages.
    static func html(_ j: JudgementView) -> String {
        let barHeight = 22
        let chartHeight = j.criteria.count * barHeight + 30
        var bars = ""
        for (index, c) in j.criteria.enumerated() {
            let y = 10 + index * barHeight
            let width = Int((c.percentage ?? 0) * 4)
            let colour =
                c.percentage == nil
                ? "#bbb" : (c.percentage! >= 80 ? "#2e7d32" : c.percentage! >= 65 ? "#7cb342" : c.percentage! >= 50 ? "#f9a825" : "#c62828")
            bars += "<text x=\"0\" y=\"\(y + 15)\" font-size=\"13\">\(escape(c.id))</text>"
            bars +=
                "<rect x=\"50\" y=\"\(y)\" width=\"\(width)\" height=\"\(barHeight - 6)\" fill=\"\(colour)\"><title>\(escape(c.title))</title></rect>"
            bars +=
                "<text x=\"\(56 + width)\" y=\"\(y + 15)\" font-size=\"12\">\(c.percentage.map { String(format: "%.1f %%", $0) } ?? "no evidence")\(c.sufficient ? "" : " (insufficient)")</text>"
        }
        for mark in [50, 65, 80] {
            bars +=
                "<line x1=\"\(50 + mark * 4)\" y1=\"5\" x2=\"\(50 + mark * 4)\" y2=\"\(chartHeight - 15)\" stroke=\"#555\" stroke-dasharray=\"3,3\"/>"
            bars += "<text x=\"\(42 + mark * 4)\" y=\"\(chartHeight - 2)\" font-size=\"11\">\(mark)%</text>"
        }
        let body = markdownToHTML(markdown(j))
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(j.establishmentName)) – \(escape(j.inspectionId))</title>
            <style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
            table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}
            blockquote{color:#555;border-left:3px solid #ccc;margin:0;padding-left:1rem}</style></head><body>
            \(body)
            <h2>Criterion percentages</h2>
            <svg xmlns="http://www.w3.org/2000/svg" width="560" height="\(chartHeight)" role="img" aria-label="Criterion percentages">\(bars)</svg>
            </body></html>
            """
    }

    static func label(_ rating: String) -> String {
        rating.replacingOccurrences(of: "_", with: " ").lowercased().capitalizedFirst
    }

    static func areaName(_ area: String) -> String {
        [
            "AP": "Assessment and planning", "IM": "Implementation", "PP": "Public protection", "RR": "Resettlement and release",
            "EN": "Prisoner engagement", "OVERALL": "Overall",
        ][area] ?? area
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Just enough Markdown for the judgement summary: headings, tables, lists, quotes, bold and code.
    static func markdownToHTML(_ md: String) -> String {
        var html = ""
        var inTable = false
        var inList = false
        func inline(_ s: String) -> String {
            var text = escape(s)
            while let open = text.range(of: "**"), let close = text.range(of: "**", range: open.upperBound..<text.endIndex) {
                text = text.replacingCharacters(
                    in: open.lowerBound..<close.upperBound, with: "<strong>\(text[open.upperBound..<close.lowerBound])</strong>")
            }
            while let open = text.range(of: "`"), let close = text.range(of: "`", range: open.upperBound..<text.endIndex) {
                text = text.replacingCharacters(
                    in: open.lowerBound..<close.upperBound, with: "<code>\(text[open.upperBound..<close.lowerBound])</code>")
            }
            return text
        }
        for line in md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("|") {
                if line.contains("---") { continue }
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                html +=
                    inTable
                    ? "<tr>" + cells.map { "<td>\(inline($0))</td>" }.joined() + "</tr>\n"
                    : "<table><tr>" + cells.map { "<th>\(inline($0))</th>" }.joined() + "</tr>\n"
                inTable = true
                continue
            } else if inTable {
                html += "</table>\n"; inTable = false
            }
            let listItem = line.hasPrefix("- ") || line.hasPrefix("  - ") || (line.first?.isNumber ?? false && line.contains(". "))
            if listItem {
                if !inList { html += "<ul>\n"; inList = true }
                let text = line.trimmingCharacters(in: .whitespaces).drop { $0 == "-" || $0.isNumber || $0 == "." || $0 == " " }
                html += "<li>\(inline(String(text)))</li>\n"
                continue
            } else if inList {
                html += "</ul>\n"; inList = false
            }
            if line.hasPrefix("## ") {
                html += "<h2>\(inline(String(line.dropFirst(3))))</h2>\n"
            } else if line.hasPrefix("# ") {
                html += "<h1>\(inline(String(line.dropFirst(2))))</h1>\n"
            } else if line.hasPrefix("> ") {
                html += "<blockquote>\(inline(String(line.dropFirst(2))))</blockquote>\n"
            } else if !line.isEmpty {
                html += "<p>\(inline(line))</p>\n"
            }
        }
        if inTable { html += "</table>\n" }
        if inList { html += "</ul>\n" }
        return html
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
