import ArgumentParser
import Foundation
import Kafka
import WorkerRuntime

/// `inspection`: the operations command-line tool.
@main
struct InspectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspection",
        abstract: "Operate the offender management inspection pipeline.",
        discussion: "Settings come from the environment like the workers' (KAFKA_BOOTSTRAP_SERVERS, TOPIC_*, KAFKA_SECURITY_PROTOCOL, …).",
        subcommands: [
            TopicsCommand.self, SampleCommand.self, TailCommand.self, ReportCommand.self, DLQCommand.self, EraseCommand.self, ReprocessCommand.self,
            DemoCommand.self, StatusCommand.self,
            SettingsCommand.self,
        ])
}

/// Options every subcommand shares.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "Kafka brokers (overrides KAFKA_BOOTSTRAP_SERVERS).")
    var bootstrapServers: String?

    func configuration() throws -> WorkerConfiguration {
        var environment = ProcessInfo.processInfo.environment
        if let bootstrapServers { environment["KAFKA_BOOTSTRAP_SERVERS"] = bootstrapServers }
        return try WorkerConfiguration.load(workerName: "inspection", from: SettingsSource.fromEnvironment(environment))
    }
}

/// Prints to standard error.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Asks a yes-or-no question at a terminal; false when standard input is not one.
func confirm(_ question: String) -> Bool {
    guard isatty(STDIN_FILENO) == 1 else { return false }
    FileHandle.standardError.write(Data(question.utf8))
    guard let answer = readLine() else { return false }
    return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
}

/// A command-line error with a message for the operator.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
