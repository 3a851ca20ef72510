import FastJSON

extension TraceContext {
    /// The CloudEvents distributed-tracing extension of an event in structured JSON mode: the top-level string
    /// members `traceparent` and `tracestate`. Nil when there is no valid top-level `traceparent`.
    ///
    /// Most events carry none, so the value is first searched for the bytes `"traceparent"` (one `memchr` pass for
    /// its rarest letter, about 130 ns for a 2 KB event); only when they occur is the top level walked to find the
    /// members (a `traceparent` inside `data` or inside a string does not count).
    public init?(cloudEvent json: [UInt8]) {
        guard Self.mayContainTraceparent(json), let members = Self.topLevelTraceMembers(json), let traceparent = members.traceparent
        else { return nil }
        self.init(traceparentBytes: Array(traceparent), tracestateBytes: members.tracestate.map(Array.init))
    }

    private static let traceparentKey: [UInt8] = Array("\"traceparent\"".utf8)

    /// Whether the bytes `"traceparent"` occur: candidates for its `p` (the rarest of its letters in event text)
    /// found with `memchr`, each checked with `memcmp`.
    static func mayContainTraceparent(_ json: [UInt8]) -> Bool {
        ByteSearch.contains(traceparentKey, in: json, pivot: 6)  // the "p"
    }

    /// The raw (unescaped) values of the top-level string members `traceparent` and `tracestate`; nil when the
    /// text is not an object. A value holding an escape is skipped: neither field may contain one legitimately.
    static func topLevelTraceMembers(_ json: [UInt8]) -> (traceparent: ArraySlice<UInt8>?, tracestate: ArraySlice<UInt8>?)? {
        var index = 0
        let count = json.count
        func skipWhitespace() {
            while index < count, json[index] == 0x20 || json[index] == 0x0A || json[index] == 0x0D || json[index] == 0x09 { index += 1 }
        }
        /// Moves past a string starting at `index` (a quote); returns its content's range and whether it holds an escape.
        func string() -> (range: Range<Int>, escaped: Bool)? {
            let start = index + 1
            var escaped = false
            index = start
            while index < count {
                switch json[index] {
                case UInt8(ascii: "\\"):
                    escaped = true
                    index += 2
                case UInt8(ascii: "\""):
                    index += 1
                    return (start..<index - 1, escaped)
                default:
                    index += 1
                }
            }
            return nil
        }
        skipWhitespace()
        guard index < count, json[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        var traceparent: ArraySlice<UInt8>?
        var tracestate: ArraySlice<UInt8>?
        var depth = 1
        var expectingKey = true
        while index < count {
            let byte = json[index]
            switch byte {
            case UInt8(ascii: "\""):
                guard depth == 1, expectingKey else {
                    guard string() != nil else { return (traceparent, tracestate) }
                    continue
                }
                guard let key = string() else { return (traceparent, tracestate) }
                expectingKey = false
                let name = json[key.range]
                let isParent = name.elementsEqual(TraceHeaders.traceparent.utf8)
                let isState = !isParent && name.elementsEqual(TraceHeaders.tracestate.utf8)
                guard isParent || isState else { continue }
                skipWhitespace()
                guard index < count, json[index] == UInt8(ascii: ":") else { continue }
                index += 1
                skipWhitespace()
                guard index < count, json[index] == UInt8(ascii: "\"") else { continue }
                guard let value = string() else { return (traceparent, tracestate) }
                if !value.escaped {
                    if isParent, traceparent == nil { traceparent = json[value.range] }
                    if isState, tracestate == nil { tracestate = json[value.range] }
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                index += 1
                if depth == 0 { return (traceparent, tracestate) }
            case UInt8(ascii: ","):
                if depth == 1 { expectingKey = true }
                index += 1
            default:
                index += 1
            }
        }
        return (traceparent, tracestate)
    }
}
