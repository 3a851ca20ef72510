/// (Internal.) A parsed document's memory, as its readers see it: the input, the tape and the member index.
/// `JSONDocument` allocates it (at the start of the tape's block) and frees it in its `deinit`.
struct JSONStorage {
    let bytes: UnsafeBufferPointer<UInt8>
    let tokens: JSONDocument.Tape
    let memberIndex: JSONDocument.MemberIndex?
}
