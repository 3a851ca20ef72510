import Kafka
import Testing

@testable import WorkerRuntime

/// W3C Trace Context parsing and formatting (https://www.w3.org/TR/trace-context/, §3.2 and §3.3).
@Suite struct TraceContextTests {
    static let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    @Test func aValidTraceparentIsReadAndWrittenBackTheSame() throws {
        let context = try #require(TraceContext(traceparent: Self.traceparent))
        #expect(context.traceIDHex == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(context.spanIDHex == "00f067aa0ba902b7")
        #expect(context.traceIDHigh == 0x4bf9_2f35_77b3_4da6)
        #expect(context.traceIDLow == 0xa3ce_929d_0e0e_4736)
        #expect(context.spanID == 0x00f0_67aa_0ba9_02b7)
        #expect(context.flags == 1)
        #expect(context.isSampled)
        #expect(context.traceState == nil)
        #expect(context.traceparent == Self.traceparent)
        #expect(TraceContext(traceparentBytes: Array(Self.traceparent.utf8)) == context)
    }

    @Test func flagsAreKeptAsGiven() throws {
        let unsampled = try #require(TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"))
        #expect(!unsampled.isSampled)
        #expect(unsampled.traceparent.hasSuffix("-00"))
        let other = try #require(TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09"))
        #expect(other.flags == 9)
        #expect(other.isSampled)
        #expect(other.traceparent.hasSuffix("-09"))
    }

    @Test func formattingPadsWithZeros() throws {
        let context = try #require(TraceContext(traceIDHigh: 0, traceIDLow: 1, spanID: 2, flags: 0))
        #expect(context.traceparent == "00-00000000000000000000000000000001-0000000000000002-00")
        #expect(TraceContext(traceparent: context.traceparent) == context)
    }

    @Test(arguments: [
        ("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "version ff is never valid"),
        ("0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "version not hex"),
        ("0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "version in uppercase"),
        ("0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "version of one digit"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-", "version 00 with a trailing dash"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", "version 00 with more fields"),
        ("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x", "a later version not followed by a dash"),
        ("00-00000000000000000000000000000000-00f067aa0ba902b7-01", "all-zero trace id"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "all-zero parent id"),
        ("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "uppercase trace id"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01", "uppercase parent id"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A", "uppercase flags"),
        ("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", "trace id of 31 digits"),
        ("00-4bf92f3577b34da6a3ce929d0e0e47366-00f067aa0ba902b7-01", "trace id of 33 digits"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01", "parent id of 15 digits"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b77-01", "parent id of 17 digits"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1", "flags of one digit"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-001", "flags of three digits"),
        ("00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", "wrong separators"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0z", "flags not hex"),
        ("00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01", "trace id not hex"),
        (" 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "leading space"),
        ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ", "trailing space"),
        ("", "empty"),
        ("00-abc", "truncated"),
    ])
    func anInvalidTraceparentIsRefused(_ value: String, _ reason: String) {
        #expect(TraceContext(traceparent: value) == nil, "\(reason)")
        #expect(TraceContext(traceparentBytes: Array(value.utf8)) == nil, "\(reason)")
    }

    @Test func aLaterVersionIsReadForTheFieldsOfVersion00AndWrittenAs00() throws {
        let exact = try #require(TraceContext(traceparent: "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        #expect(exact.traceparent == Self.traceparent)
        let longer = try #require(TraceContext(traceparent: "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes-next"))
        #expect(longer.traceparent == Self.traceparent)
    }

    @Test func aTracestateIsKeptWhenWellFormedAndDroppedOtherwise() throws {
        let kept = try #require(TraceContext(traceparent: Self.traceparent, tracestate: "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"))
        #expect(kept.traceState == "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
        for valid in ["a=1", "vendor@tenant=x", "t1@sys=v", " a=1 ,\tb=2", "a=1,,b=2", "k=value with spaces", "a=1,"] {
            #expect(TraceContext.isValid(tracestate: valid), "\(valid)")
        }
        let invalid = [
            "A=1",  // uppercase key
            "1a=1",  // a simple key starts with a letter
            "a",  // no value
            "a=",  // empty value
            "a=1=2",  // '=' in the value
            "a=1 ",  // … trailing space inside the member is trimmed, so this one is valid: checked below
            "a=é",  // not printable ASCII
            "a=1,a=2",  // a key twice
            "@sys=1",  // empty tenant
            "t@=1",  // empty system
            "t@Sys=1",  // uppercase system
            String(repeating: "a", count: 257) + "=1",  // key too long
            "a=" + String(repeating: "v", count: 257),  // value too long
            (0..<33).map { "k\($0)=v" }.joined(separator: ","),  // 33 members
            (0..<20).map { "key\($0)=" + String(repeating: "v", count: 25) }.joined(separator: ","),  // over 512 characters
        ].filter { $0 != "a=1 " }
        for value in invalid {
            #expect(!TraceContext.isValid(tracestate: value), "\(value.prefix(40))")
        }
        #expect(TraceContext.isValid(tracestate: "a=1 "))
        let dropped = try #require(TraceContext(traceparent: Self.traceparent, tracestate: "Not Valid"))
        #expect(dropped.traceState == nil, "an invalid tracestate is dropped, the traceparent kept")
        #expect(TraceContext(traceparent: "00-00", tracestate: "a=1") == nil)
    }

    @Test func zeroIdsCannotBeMade() {
        #expect(TraceContext(traceIDHigh: 0, traceIDLow: 0, spanID: 1) == nil)
        #expect(TraceContext(traceIDHigh: 1, traceIDLow: 0, spanID: 0) == nil)
        #expect(TraceContext(traceIDHigh: 1, traceIDLow: 0, spanID: 1) != nil)
    }
}
