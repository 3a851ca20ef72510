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
        // One allocation of the final size (an array literal, then room reserved for the digits, was two).
        var out = [UInt8](repeating: UInt8(ascii: "-"), count: 19)
        out[0] = UInt8(ascii: "C")
        out[1] = UInt8(ascii: "R")
        for index in 0..<8 {
            out[3 + 2 * index] = HexDigits.upper(code[index] >> 4)
            out[4 + 2 * index] = HexDigits.upper(code[index] & 0xF)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
