import InspectionWorkers

// transcript-intake: validates interviews, codes engagement answers and staff themes, redacts quotes and
// publishes interview.coded (SPEC §7). Stateless; scales with partitions.
await InspectionWorker.run(workerName: "transcript-intake") { configuration, rules, _ in
    IntakeProcessor.interviews(configuration: configuration, rules: rules)
}
