/// A W3C Trace Context (https://www.w3.org/TR/trace-context/): the `traceparent` of the span an event was sent in,
/// and the vendors' `tracestate` that travels with it.
///
/// Parsing is strict: `traceparent` is `version-traceid-parentid-flags` in lowercase hex, a trace id of 32 digits
/// and a parent id of 16, neither all zero, version `ff` never valid. Version `00` is exactly 55 characters; a
/// higher version is read for the fields version `00` defines, provided they are followed by the end or a `-` (the
/// specification's rule for versions not known yet). What this type writes is always version `00` (a header passed
/// through without export is copied as received). A `tracestate` that
/// breaks its grammar (at most 32 `key=value` members, at most 512 characters) is dropped, the `traceparent` kept.
public struct TraceContext: Sendable, Hashable {
    /// The 16-byte trace id, as two big-endian halves.
    public var traceIDHigh: UInt64
    public var traceIDLow: UInt64
    /// The 8-byte id of the span (the parent of whatever continues the trace).
    public var spanID: UInt64
    /// The trace flags (bit 0: sampled).
    public var flags: UInt8
    /// The `tracestate` header as received, when present and well formed.
    public var traceState: String?

    /// A context from its parts; nil when an id is zero (never valid).
    public init?(traceIDHigh: UInt64, traceIDLow: UInt64, spanID: UInt64, flags: UInt8 = 1, traceState: String? = nil) {
        guard traceIDHigh | traceIDLow != 0, spanID != 0 else { return nil }
        self.traceIDHigh = traceIDHigh
        self.traceIDLow = traceIDLow
        self.spanID = spanID
        self.flags = flags
        self.traceState = traceState
    }

    /// Parses a `traceparent` value (and an optional `tracestate`); nil when the `traceparent` is not valid.
    public init?(traceparent: String, tracestate: String? = nil) {
        guard let parsed = Self.parse(traceparent: Array(traceparent.utf8)) else { return nil }
        self = parsed
        if let tracestate, Self.isValid(tracestate: tracestate) { traceState = tracestate }
    }

    /// Parses a `traceparent` given as bytes (e.g. a Kafka header value).
    public init?(traceparentBytes bytes: [UInt8], tracestateBytes: [UInt8]? = nil) {
        guard let parsed = Self.parse(traceparent: bytes) else { return nil }
        self = parsed
        if let tracestateBytes, let text = String(validating: tracestateBytes, as: UTF8.self), Self.isValid(tracestate: text) {
            traceState = text
        }
    }

    public var isSampled: Bool { flags & 1 == 1 }

    /// The trace id as 32 lowercase hex digits.
    public var traceIDHex: String { Self.hex(traceIDHigh, traceIDLow) }
    /// The span id as 16 lowercase hex digits.
    public var spanIDHex: String { Self.hex(spanID) }

    /// The `traceparent` value, version `00`.
    public var traceparent: String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(55)
        do {
            func put(_ byte: UInt8) { buffer.append(byte) }
            func putHex(_ value: UInt64, digits: Int) {
                for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) { put(Self.hexDigits[Int((value >> UInt64(shift)) & 0xF)]) }
            }
            put(UInt8(ascii: "0"))
            put(UInt8(ascii: "0"))
            put(UInt8(ascii: "-"))
            putHex(traceIDHigh, digits: 16)
            putHex(traceIDLow, digits: 16)
            put(UInt8(ascii: "-"))
            putHex(spanID, digits: 16)
            put(UInt8(ascii: "-"))
            putHex(UInt64(flags), digits: 2)
        }
        return String(decoding: buffer, as: UTF8.self)
    }

    // MARK: parsing

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The value of a lowercase hex digit, or nil (uppercase is not allowed).
    @inline(__always)
    private static func hexValue(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte &- UInt8(ascii: "a") &+ 10)
        default: nil
        }
    }

    /// `count` (≤ 16) lowercase hex digits from `start`, or nil.
    private static func hexNumber(_ bytes: [UInt8], from start: Int, count: Int) -> UInt64? {
        var value: UInt64 = 0
        for index in start..<start + count {
            guard let digit = hexValue(bytes[index]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    static func parse(traceparent bytes: [UInt8]) -> TraceContext? {
        // version "-" trace-id "-" parent-id "-" flags: 2 + 1 + 32 + 1 + 16 + 1 + 2 = 55
        guard bytes.count >= 55, let version = hexNumber(bytes, from: 0, count: 2), version != 0xFF else { return nil }
        if version == 0 {
            guard bytes.count == 55 else { return nil }
        } else if bytes.count > 55 {
            guard bytes[55] == UInt8(ascii: "-") else { return nil }
        }
        guard bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"), bytes[52] == UInt8(ascii: "-"),
            let high = hexNumber(bytes, from: 3, count: 16), let low = hexNumber(bytes, from: 19, count: 16),
            let span = hexNumber(bytes, from: 36, count: 16), let flags = hexNumber(bytes, from: 53, count: 2)
        else { return nil }
        return TraceContext(traceIDHigh: high, traceIDLow: low, spanID: span, flags: UInt8(flags))
    }

    // MARK: tracestate

    /// Whether `tracestate` follows the W3C grammar: up to 32 comma-separated `key=value` members (empty members
    /// and optional spaces or tabs around them allowed), no key twice, at most 512 characters in all.
    public static func isValid(tracestate: String) -> Bool {
        let bytes = Array(tracestate.utf8)
        guard bytes.count <= 512 else { return false }
        var keys: Set<ArraySlice<UInt8>> = []
        var members = 0
        for rawMember in bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            var member = rawMember[...]
            while let first = member.first, first == 0x20 || first == 0x09 { member = member.dropFirst() }
            while let last = member.last, last == 0x20 || last == 0x09 { member = member.dropLast() }
            if member.isEmpty { continue }
            guard let equals = member.firstIndex(of: UInt8(ascii: "=")) else { return false }
            let key = member[..<equals]
            let value = member[(equals + 1)...]
            guard isValidKey(key), isValidValue(value), keys.insert(key).inserted else { return false }
            members += 1
            if members > 32 { return false }
        }
        return true
    }

    /// `simple-key` (lcalpha then up to 255 of lcalpha, digit, `_-*/`) or `tenant-id@system-id`.
    private static func isValidKey(_ key: ArraySlice<UInt8>) -> Bool {
        func isKeyCharacter(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
            case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"): true
            default: false
            }
        }
        func isLowercaseLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        if let at = key.firstIndex(of: UInt8(ascii: "@")) {
            let tenant = key[..<at]
            let system = key[(at + 1)...]
            guard let tenantFirst = tenant.first, let systemFirst = system.first else { return false }
            return tenant.count <= 241 && system.count <= 14 && (isLowercaseLetter(tenantFirst) || isDigit(tenantFirst))
                && isLowercaseLetter(systemFirst) && tenant.allSatisfy(isKeyCharacter) && system.allSatisfy(isKeyCharacter)
        }
        guard let first = key.first, isLowercaseLetter(first), key.count <= 256 else { return false }
        return key.allSatisfy(isKeyCharacter)
    }

    /// 1 to 256 printable ASCII characters other than `,` and `=`, not ending in a space.
    private static func isValidValue(_ value: ArraySlice<UInt8>) -> Bool {
        guard let last = value.last, last != 0x20, value.count <= 256 else { return false }
        return value.allSatisfy { $0 >= 0x20 && $0 <= 0x7E && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "=") }
    }

    // MARK: formatting

    private static func hex(_ values: UInt64...) -> String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(values.count * 16)
        for value in values {
            for shift in stride(from: 60, through: 0, by: -4) { buffer.append(hexDigits[Int((value >> UInt64(shift)) & 0xF)]) }
        }
        return String(decoding: buffer, as: UTF8.self)
    }
}

extension TraceContext: CustomStringConvertible {
    public var description: String { traceparent }
}
