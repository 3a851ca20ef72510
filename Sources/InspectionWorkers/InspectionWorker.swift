import InspectionDomain
import Logging
import WorkerRuntime

/// The `main` of an inspection worker: ``WorkerApp`` with the rule data (criteria, codebook, bank holidays)
/// loaded from the configuration folder before the processor is made.
public enum InspectionWorker {
    public static func run(
        workerName: String,
        makeProcessor: @escaping @Sendable (WorkerConfiguration, RuleSet, Logger) throws -> any MessageProcessor
    ) async -> Never {
        await WorkerApp.run(workerName: workerName) { configuration, logger in
            try makeProcessor(configuration, try RuleSetLocator.load(settings: configuration.settings), logger)
        }
    }
}
