import TestSupport
import Testing

@testable import WorkerRuntime

@Suite struct WorkerMetricsTests {
    /// A scrape before the first event shows every event counter at zero: consumed and dead-lettered (each code)
    /// per input topic, produced per output topic; counting then moves only its own series.
    @Test func eventCountersStartAtZeroForEveryTopicAndCode() {
        let metrics = WorkerMetrics()
        let codes = ["SCHEMA_VIOLATION", "INVALID_REFERENCE", "PAYLOAD_TOO_LARGE"]
        metrics.registerEventCounters(inputTopics: ["in-a", "in-b"], outputTopics: ["out"], deadLetterCodes: codes)
        var text = PrometheusText(String(decoding: metrics.exposition(), as: UTF8.self))
        for topic in ["in-a", "in-b"] {
            #expect(text.value("inspection_events_consumed_total", ["topic": topic]) == 0)
            for code in codes {
                #expect(text.value("inspection_events_dead_lettered_total", ["topic": topic, "code": code]) == 0, "\(topic) \(code)")
            }
        }
        #expect(text.value("inspection_events_produced_total", ["topic": "out"]) == 0)
        #expect(text.value("inspection_events_produced_total", ["topic": "in-a"]) == nil)

        metrics.consumed(topic: "in-a", count: 3)
        metrics.deadLettered(topic: "in-b", code: "PAYLOAD_TOO_LARGE")
        metrics.produced(topic: "out", count: 2)
        text = PrometheusText(String(decoding: metrics.exposition(), as: UTF8.self))
        #expect(text.value("inspection_events_consumed_total", ["topic": "in-a"]) == 3)
        #expect(text.value("inspection_events_consumed_total", ["topic": "in-b"]) == 0)
        #expect(text.value("inspection_events_dead_lettered_total", ["topic": "in-b", "code": "PAYLOAD_TOO_LARGE"]) == 1)
        #expect(text.value("inspection_events_dead_lettered_total", ["topic": "in-a", "code": "PAYLOAD_TOO_LARGE"]) == 0)
        #expect(text.value("inspection_events_produced_total", ["topic": "out"]) == 2)
    }
}
