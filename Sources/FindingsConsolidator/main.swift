import InspectionWorkers

// findings-consolidator: merges assessed case files, coded interviews and lifecycle events per inspection
// and publishes complete judgement.updated documents to reporting.judgements (SPEC §8).
await InspectionWorker.run(workerName: "findings-consolidator") { configuration, rules, _ in
    ConsolidatorProcessor(configuration: configuration, rules: rules)
}
