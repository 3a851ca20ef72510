import Crypto

/// Stable pseudonyms for case files: `CR-` + the first 16 hex digits (upper case) of
/// HMAC-SHA-256(key, prisonNumber) (RFC 2104, swift-crypto). Without the key the prison number cannot be
/// recovered or confirmed.
public struct Pseudonymizer: Sendable {
    /// The HMAC with the key's inner and outer pads already absorbed: each pseudonym copies it.
    private let prepared: HMAC<SHA256>

    /// Creates a pseudonymizer with the configured key.
    public init(key: [UInt8]) {
        prepared = HMAC<SHA256>(key: SymmetricKey(data: key))
    }

    /// The `caseRef` of a prison number.
    public func caseRef(prisonNumber: String) -> String {
        var mac = prepared
        mac.update(data: Array(prisonNumber.utf8))
        var out: [UInt8] = Array("CR-".utf8)
        out.reserveCapacity(19)
        for byte in mac.finalize().prefix(8) {
            out.append(HexDigits.upper(byte >> 4))
            out.append(HexDigits.upper(byte & 0xF))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
