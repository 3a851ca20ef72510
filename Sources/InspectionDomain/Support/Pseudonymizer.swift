import Crypto

/// Stable pseudonyms for case files: `CR-` + the first 16 hex digits (upper case) of
/// HMAC-SHA-256(key, prisonNumber) (RFC 2104). Without the key the prison number cannot be recovered or confirmed.
public struct Pseudonymizer: Sendable {
    /// The key XOR ipad and XOR opad, one SHA-256 block each (precomputed once).
    private let innerPad: [UInt8]
    private let outerPad: [UInt8]

    /// Creates a pseudonymizer with the configured key.
    public init(key: [UInt8]) {
        var block = key.count > 64 ? Array(SHA256.hash(data: key)) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        innerPad = block.map { $0 ^ 0x36 }
        outerPad = block.map { $0 ^ 0x5C }
    }

    /// The `caseRef` of a prison number.
    public func caseRef(prisonNumber: String) -> String {
        var inner = SHA256()
        inner.update(data: innerPad)
        var number = prisonNumber
        number.withUTF8 { inner.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        var outer = SHA256()
        outer.update(data: outerPad)
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        let mac = outer.finalize()
        return mac.withUnsafeBytes { bytes in
            let digits: StaticString = "0123456789ABCDEF"
            var out = [UInt8](repeating: 0, count: 19)
            out[0] = UInt8(ascii: "C"); out[1] = UInt8(ascii: "R"); out[2] = UInt8(ascii: "-")
            for index in 0..<8 {
                out[3 + 2 * index] = digits.utf8Start[Int(bytes[index] >> 4)]
                out[4 + 2 * index] = digits.utf8Start[Int(bytes[index] & 0xF)]
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
