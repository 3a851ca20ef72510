/// Pre-encoded JSON fragments, shared by the worker threads (see ``PackedBytes``).
public struct FragmentTable: Sendable {
    @usableFromInline let fragments: PackedBytes

    /// A table of the encoded values `fragments` (each must be one complete JSON value).
    public init(_ fragments: [[UInt8]]) { self.fragments = PackedBytes(fragments) }

    /// The number of fragments.
    public var count: Int { fragments.count }

    /// Writes fragment `index` as the next value of `writer`.
    @inlinable
    public func write(_ index: Int, to writer: inout JSONWriter) {
        fragments.withEntries { writer.fragment($0[index]) }
    }
}
