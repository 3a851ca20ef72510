/// Stable pseudonyms for case files: `CR-` + the first 16 hex digits (upper case) of
/// HMAC-SHA-256(key, prisonNumber) (RFC 2104). Without the key the prison number cannot be recovered or confirmed.
public struct Pseudonymizer: Sendable {
    /// SHA-256 states that have already absorbed the key XOR ipad and XOR opad (one block each), so a
    /// pseudonym costs two compressions instead of four, and copying them is a plain value copy.
    private let innerStart: SHA256Hasher
    private let outerStart: SHA256Hasher

    /// Creates a pseudonymizer with the configured key.
    public init(key: [UInt8]) {
        var block = key
        if key.count > 64 {
            var hasher = SHA256Hasher()
            key.withUnsafeBytes { hasher.update($0) }
            block = hasher.finalize().withUnsafeBytes { Array($0) }
        }
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256Hasher()
        block.map { $0 ^ 0x36 }.withUnsafeBytes { inner.update($0) }
        var outer = SHA256Hasher()
        block.map { $0 ^ 0x5C }.withUnsafeBytes { outer.update($0) }
        innerStart = inner
        outerStart = outer
    }

    /// The `caseRef` of a prison number.
    public func caseRef(prisonNumber: String) -> String {
        var inner = innerStart
        inner.update(prisonNumber)
        var outer = outerStart
        inner.finalize().withUnsafeBytes { outer.update($0) }
        let mac = outer.finalize()
        return String(unsafeUninitializedCapacity: 19) { out in
            out[0] = UInt8(ascii: "C"); out[1] = UInt8(ascii: "R"); out[2] = UInt8(ascii: "-")
            mac.withUnsafeBytes { raw in  // the digest's bytes once, rather than a copy of it per byte
                for index in 0..<8 {
                    out[3 + 2 * index] = HexDigits.upper(raw[index] >> 4)
                    out[4 + 2 * index] = HexDigits.upper(raw[index] & 0xF)
                }
            }
            return 19
        }
    }
}
