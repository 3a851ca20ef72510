import Foundation
import Kafka
import Logging
import ServiceLifecycle
import UnixSignals

/// The whole `main` of a worker executable: configuration, logging, the processor, the HTTP and pipeline services
/// in a `ServiceGroup` with SIGTERM/SIGINT graceful shutdown, and the exit status
/// (0 clean, 1 unrecoverable runtime error, 2 bad configuration).
public enum WorkerApp {
    public static func run(
        workerName: String,
        makeProcessor: @Sendable (WorkerConfiguration, Logger) throws -> any MessageProcessor
    ) async -> Never {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.contains("--help") || arguments.contains("-h") {
            print(usage(workerName: workerName))
            exit(0)
        }
        if let unknown = arguments.first {
            FileHandle.standardError.write(Data("\(workerName): unknown argument \(unknown); settings are environment variables (see --help)\n".utf8))
            exit(2)
        }
        let configuration: WorkerConfiguration
        do {
            configuration = try WorkerConfiguration.load(workerName: workerName, from: try SettingsSource.fromEnvironment())
        } catch {
            FileHandle.standardError.write(Data("\(workerName): \(error)\n".utf8))
            exit(2)
        }
        configuration.bootstrapLogging()
        var logger = Logger(label: workerName)
        logger[metadataKey: "worker"] = "\(workerName)"
        let processor: any MessageProcessor
        do {
            processor = try makeProcessor(configuration, logger)
        } catch {
            // One line on standard error, naming the setting (§10); nothing else.
            FileHandle.standardError.write(Data("\(workerName): \(error)\n".utf8))
            exit(2)
        }
        for warning in configuration.securityWarnings {
            logger.warning("insecure transport setting", metadata: ["setting": "\(warning)"])
        }
        if let problem = PortCheck.problem(host: configuration.httpHost, port: configuration.httpPort) {
            let error = ConfigurationError(setting: "HTTP_PORT", reason: problem)
            FileHandle.standardError.write(Data("\(workerName): \(error)\n".utf8))
            exit(2)
        }
        let tracing: TracingBootstrap.Result
        do {
            tracing = try TracingBootstrap.bootstrap(
                workerName: workerName, consumerGroup: configuration.groupID, settings: configuration.settings, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("\(workerName): \(error)\n".utf8))
            exit(2)
        }
        let health = HealthState()
        let metrics = WorkerMetrics()
        let http = HealthServer.make(
            host: configuration.httpHost, port: configuration.httpPort, health: health, metrics: metrics, logger: logger,
            idleTimeout: configuration.httpIdleTimeout, maxConnections: configuration.httpMaxConnections)
        let pipeline = PipelineService(
            configuration: configuration, processor: processor, health: health, metrics: metrics, logger: logger, tracing: tracing.tracing)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: http),
            .init(
                service: pipeline, successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup),
        ]
        if let exporter = tracing.service {
            // First, so it stops last (a group stops its services in reverse order): the pipeline's last spans are
            // exported on the way out. Its failure never stops the worker.
            services.insert(.init(service: exporter, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore), at: 0)
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = configuration.shutdownTimeout
        // Longer than any blocking client call (metadata requests wait up to 10 s), so a cancellation is never
        // turned into a crash by the service group.
        groupConfiguration.maximumCancellationDuration = Duration.seconds(15)
        let group = ServiceGroup(configuration: groupConfiguration)
        logger.info(
            "starting", metadata: ["httpPort": "\(configuration.httpPort)", "bootstrap": "\(configuration.kafka["bootstrap.servers"] ?? "")"])
        do {
            try await group.run()
            logger.info("stopped")
            exit(0)
        } catch {
            logger.critical("stopped on error", metadata: ["error": "\(error)"])
            exit(1)
        }
    }

    /// What `--help` prints: what the worker does, its settings and where they are documented. Reads no setting.
    static func usage(workerName: String) -> String {
        let settings = WorkerSettings.all.filter { $0.workers.isEmpty || $0.workers.contains(workerName) }
        let port = WorkerConfiguration.defaultPorts[workerName].map(String.init) ?? "8080"
        var lines = [
            "usage: \(workerName)",
            "",
            "A worker of the offender management inspection pipeline (SPEC §10). It takes no arguments: settings come",
            "from environment variables, or KEY=VALUE lines in CONFIG_FILE. HTTP on HTTP_PORT (default \(port)):",
            "GET /health/live, /health/ready, /metrics. SIGTERM or SIGINT stops it gracefully. Exit status: 0 clean",
            "stop, 1 unrecoverable runtime error, 2 bad configuration (one line on standard error naming the setting).",
            "",
            "settings (reference: config/settings.md):",
        ]
        for setting in settings {
            lines.append("  \(setting.name)\(setting.defaultValue.map { " (default \($0))" } ?? "")")
        }
        return lines.joined(separator: "\n")
    }
}
