import InspectionWorkers
import WorkerRuntime

// casefile-intake: validates case records and examinations, assesses them against omi-v1 and
// publishes casefile.assessed (SPEC §6). Stateless; scales with partitions.
await InspectionWorker.run(workerName: "casefile-intake") { configuration, rules, logger in
    IntakeProcessor.caseFiles(
        configuration: configuration, rules: rules,
        pseudonymKey: try PseudonymKey.load(from: configuration.settings, logger: logger))
}
