/// (Internal.) A parsed document read without owning it: one pointer, copied and dropped with no reference
/// counting, which is what field readers hold (a case file makes a dozen of them).
///
/// Valid only while the `JSONDocument` it came from lives. Readers are made from a `CloudEvent`, which holds
/// the document, and used while decoding it; none is stored.
struct JSONView: JSONReading {
    let storage: UnsafePointer<JSONStorage>
}
