import InspectionWorkers

// aggregate-reporter: sums FINAL judgements per UK financial year and publishes aggregate.updated to
// reporting.aggregates (SPEC §9). Runs as a single instance: a period spans every partition.
await InspectionWorker.run(workerName: "aggregate-reporter") { configuration, rules, _ in
    AggregateReporterProcessor(configuration: configuration, rules: rules)
}
