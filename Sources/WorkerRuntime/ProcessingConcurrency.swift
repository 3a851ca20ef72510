/// Whether a processor may work on different partitions at the same time.
public enum ProcessingConcurrency: Sendable {
    /// One lane per partition number (partition p of every input topic together, as co-partitioning and
    /// range assignment keep them): partitions are processed in parallel, each in arrival order. For
    /// processors whose state, if any, is owned by the input partition.
    case perPartition
    /// One lane for everything, in arrival order: for processors whose state spans partitions (a global
    /// store whose versions must leave in the order they were made).
    case serial
}
