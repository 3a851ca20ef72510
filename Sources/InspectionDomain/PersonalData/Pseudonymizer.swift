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
        // Written straight into the string's storage: one allocation.
        return String(utf8Count: 19) { out in
            out[0] = UInt8(ascii: "C")
            out[1] = UInt8(ascii: "R")
            out[2] = UInt8(ascii: "-")
            for index in 0..<8 {
                out[3 + 2 * index] = HexDigits.upper(code[index] >> 4)
                out[4 + 2 * index] = HexDigits.upper(code[index] & 0xF)
            }
        }
    }
}
