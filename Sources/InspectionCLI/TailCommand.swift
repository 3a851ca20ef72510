import ArgumentParser
import Foundation
import Kafka
import WorkerRuntime

struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail", abstract: "Follow reporting.judgements and print each judgement as a table.")

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "Only this inspection.") var inspectionId: String?
    @Option(help: "Stop after this many judgements.") var count: Int?
    @Option(help: "Stop after this many seconds.") var seconds = 86_400

    func run() async throws {
        let configuration = try connection.configuration()
        var printed = 0
        try await configuration.topicReader.read([configuration.topics.reportingJudgements], timeout: .seconds(seconds), follow: true) { message in
            guard let value = message.value, let view = JudgementView(cloudEvent: value) else { return true }
            if let inspectionId, view.inspectionId != inspectionId { return true }
            print(JudgementRenderer.table(view))
            fflush(nil)
            printed += 1
            return count.map { printed < $0 } ?? true
        }
    }
}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Print an inspection's latest judgement as provisional findings (Markdown or HTML).")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The inspection id.") var inspectionId: String
    @Option(help: "markdown or html.") var format = "markdown"
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Flag(help: "Wait until the judgement is FINAL.") var waitFinal = false
    @Option(help: "Seconds to wait.") var timeout = 60

    func run() async throws {
        let configuration = try connection.configuration()
        let view: JudgementView
        if waitFinal {
            view = try await JudgementWatcher(configuration: configuration, inspectionId: inspectionId)
                .wait(timeout: .seconds(timeout), what: "FINAL") { $0.status == "FINAL" }
        } else {
            var latest: JudgementView?
            try await configuration.topicReader.read([configuration.topics.reportingJudgements], timeout: .seconds(timeout)) { message in
                guard message.key == Array(inspectionId.utf8), let value = message.value, let v = JudgementView(cloudEvent: value) else {
                    return true
                }
                if latest.map({ v.version >= $0.version }) ?? true { latest = v }
                return true
            }
            guard let latest else { throw CLIError("no judgement for \(inspectionId) on \(configuration.topics.reportingJudgements)") }
            view = latest
        }
        let text: String
        switch format {
        case "markdown", "md": text = JudgementRenderer.markdown(view)
        case "html": text = JudgementRenderer.html(view)
        default: throw ValidationError("--format must be markdown or html")
        }
        if let output {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
            note("wrote \(output)")
        } else {
            print(text)
        }
    }
}
