import Crypto

/// Stable pseudonyms for case files: `CR-` + the first 16 hex digits (upper case) of
/// HMAC-SHA-256(key, prisonNumber). Without the key the prison number cannot be recovered or confirmed.
public struct Pseudonymizer: Sendable {
    private let key: [UInt8]

    /// Creates a pseudonymizer with the configured key.
    public init(key: [UInt8]) {
        self.key = key
    }

    /// The `caseRef` of a prison number.
    public func caseRef(prisonNumber: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(prisonNumber.utf8), using: SymmetricKey(data: key))
        let digits: [UInt8] = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = Array("CR-".utf8)
        for byte in mac.prefix(8) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
