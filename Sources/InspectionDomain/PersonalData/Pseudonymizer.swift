import FastSHA256

/// Stable pseudonyms for case files: `CR-` + the first 16 hex digits (upper case) of
/// HMAC-SHA-256(key, prisonNumber) (RFC 2104). Without the key the prison number cannot be recovered or confirmed.
public struct Pseudonymizer: Sendable {
    private let mac: HMACSHA256

    /// Creates a pseudonymizer with the configured key.
    public init(key: [UInt8]) {
        mac = HMACSHA256(key: key)
    }

    /// The `caseRef` of a prison number.
    public func caseRef(prisonNumber: String) -> String {
        let code = mac.authenticationCode(for: prisonNumber)
        var out: [UInt8] = [UInt8(ascii: "C"), UInt8(ascii: "R"), UInt8(ascii: "-")]
        out.reserveCapacity(19)
        for index in 0..<8 {
            out.append(HexDigits.upper(code[index] >> 4))
            out.append(HexDigits.upper(code[index] & 0xF))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
