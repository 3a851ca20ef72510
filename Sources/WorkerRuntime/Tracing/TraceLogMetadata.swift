import Logging

extension Logger.MetadataProvider {
    /// `trace_id` and `span_id` of the event being processed (its `process` span, or without a tracer the span it
    /// was sent in), on every log line written while it is; nothing otherwise.
    public static let traceContext = Logger.MetadataProvider {
        guard let trace = BoundTrace.current?.context else { return [:] }
        return ["trace_id": "\(trace.traceIDHex)", "span_id": "\(trace.spanIDHex)"]
    }
}
