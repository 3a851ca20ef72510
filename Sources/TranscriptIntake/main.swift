import WorkerRuntime

// transcript-intake: validates interviews, codes engagement answers and staff themes, redacts quotes and
// publishes interview.coded (SPEC §7). Stateless; scales with partitions.
await WorkerApp.run(workerName: "transcript-intake") { configuration, rules, _ in
    TranscriptIntakeProcessor(configuration: configuration, rules: rules)
}
