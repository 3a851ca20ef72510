import FastJSON

/// Writes the CloudEvents envelope of the workers' outputs (§3):
/// `{"specversion","id","source","type","time","subject"?,"datacontenttype","data"}`.
public enum OutputEnvelope {
    /// The `source` of a worker's outputs: `urn:inspection-pipeline:<worker-name>`.
    public static func source(worker: String) -> String { sourcePrefix.description + worker }

    /// The part of `source` before the worker name.
    static let sourcePrefix: StaticString = "urn:inspection-pipeline:"

    /// The worker names.
    public static let caseFileIntake = "casefile-intake"
    public static let transcriptIntake = "transcript-intake"
    public static let findingsConsolidator = "findings-consolidator"
    public static let aggregateReporter = "aggregate-reporter"

    /// Writes the output of an intake worker for `input`: its id derived from the input's `source` and `id`
    /// (``EventIdentifier/output(worker:inputSource:inputId:)``) and its `time` copied, both straight from the
    /// input's bytes when they have no escapes (else from their decoded text); `data` writes the data object.
    static func write(
        for input: CloudEvent, worker: String, type: EventType, subject: String?, capacity: Int = 1024,
        data: (inout JSONWriter) -> Void
    ) -> [UInt8] {
        JSONWriter.written(capacity: capacity) { w in
            w.beginObject()
            w.field("specversion", literal: "1.0")
            w.field("id", unescapedCount: 36) { EventIdentifier.output(worker: worker, for: input, into: &$0) }
            w.field("source", sourcePrefix, worker)
            w.field("type", type)
            w.field("time", stringToken: input.timeToken, of: input.document)
            w.optionalField("subject", subject)
            w.field("datacontenttype", literal: "application/json")
            w.key("data")
            data(&w)
            w.endObject()
        }
    }

    /// Writes a complete event; `data` writes the data object.
    static func write(
        id: String, worker: String, type: String, time: String, subject: String?, capacity: Int = 1024,
        data: (inout JSONWriter) -> Void
    ) -> [UInt8] {
        var w = JSONWriter(capacity: capacity)
        w.beginObject()
        w.field("specversion", "1.0")
        w.field("id", id)
        w.field("source", sourcePrefix, worker)  // source(worker:), without joining a string
        w.field("type", type)
        w.field("time", time)
        w.optionalField("subject", subject)
        w.field("datacontenttype", "application/json")
        w.key("data")
        data(&w)
        w.endObject()
        return w.bytes
    }
}
