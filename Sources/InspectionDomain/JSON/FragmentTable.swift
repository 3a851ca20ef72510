/// (Internal.) Pre-encoded JSON fragments, shared by the worker threads (see ``PackedBytes``).
struct FragmentTable: Sendable {
    private let fragments: PackedBytes

    init(_ fragments: [[UInt8]]) { self.fragments = PackedBytes(fragments) }

    var count: Int { fragments.count }

    /// Writes fragment `index` as the next value of `writer`.
    func write(_ index: Int, to writer: inout JSONWriter) {
        fragments.withEntries { writer.fragment($0[index]) }
    }
}
