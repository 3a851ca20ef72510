/// The raw values of an enumeration's cases, for byte-exact matching and writing.
///
/// The table lives as long as the program (it is only ever a `static let`), so its buffers are allocated once and
/// never freed, and reading it touches no reference count: several worker threads share it without contending.
public struct EnumerationTable<E: RawRepresentable & CaseIterable & Sendable>: @unchecked Sendable where E.RawValue == String {
    /// The cases in declaration order; immutable after `init`.
    @usableFromInline let cases: UnsafeMutableBufferPointer<E>
    /// Raw value `i` is `names[bounds[i]..<bounds[i + 1]]`; immutable after `init`.
    @usableFromInline let names: UnsafeMutableBufferPointer<UInt8>
    @usableFromInline let bounds: UnsafeMutableBufferPointer<Int>

    /// The table of `E`'s cases. A raw value that would need escaping in JSON is a programming error.
    public init() {
        let all = Array(E.allCases)
        cases = .allocate(capacity: all.count)
        _ = cases.initialize(from: all)
        let encoded = all.map { Array($0.rawValue.utf8) }
        names = .allocate(capacity: max(1, encoded.reduce(0) { $0 + $1.count }))
        bounds = .allocate(capacity: all.count + 1)
        var offset = 0
        bounds[0] = 0
        for (index, name) in encoded.enumerated() {
            // Written between quotes as they are (`JSONWriter.field(_:_:)` for a `JSONEnumeration`).
            precondition(
                !name.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") },
                "raw value \(all[index].rawValue) would need escaping")
            for byte in name {
                names[offset] = byte
                offset += 1
            }
            bounds[index + 1] = offset
        }
    }

    /// The case whose raw value is exactly `bytes` (byte for byte: a canonically equivalent look-alike is not a match).
    @inlinable @inline(__always)
    public func match(_ bytes: Span<UInt8>) -> E? {
        bytes.withUnsafeBufferPointer { match($0) }
    }

    @inlinable @inline(__always)
    func match(_ bytes: UnsafeBufferPointer<UInt8>) -> E? {
        var index = 0
        while index < cases.count {
            let name = UnsafeBufferPointer(rebasing: names[bounds[index]..<bounds[index + 1]])
            if JSONDocument.equal(name, bytes) { return cases[index] }
            index += 1
        }
        return nil
    }

    /// The UTF-8 bytes of `value`'s raw value (which need no escaping: checked in `init`).
    @inlinable @inline(__always)
    func name(of value: E) -> UnsafeBufferPointer<UInt8> where E: Equatable {
        var index = 0
        while index < cases.count - 1 && cases[index] != value { index += 1 }
        return UnsafeBufferPointer(rebasing: names[bounds[index]..<bounds[index + 1]])
    }

    /// The raw values, comma-separated (for messages).
    public var allowed: String { cases.map(\.rawValue).joined(separator: ", ") }
}
