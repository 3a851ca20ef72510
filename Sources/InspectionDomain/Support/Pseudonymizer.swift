import Crypto

/// Stable pseudonyms for case files: `CR-` + the first 16 hex digits (upper case) of
/// HMAC-SHA-256(key, prisonNumber) (RFC 2104). Without the key the prison number cannot be recovered or confirmed.
public struct Pseudonymizer: Sendable {
    /// SHA-256 states that have already absorbed the key XOR ipad and XOR opad (one block each), so a
    /// pseudonym costs two compressions instead of four. Copies are copy-on-write and the originals are never
    /// mutated, so sharing them across threads is safe.
    nonisolated(unsafe) private let innerStart: SHA256
    nonisolated(unsafe) private let outerStart: SHA256

    /// Creates a pseudonymizer with the configured key.
    public init(key: [UInt8]) {
        var block = key.count > 64 ? Array(SHA256.hash(data: key)) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256()
        inner.update(data: block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(data: block.map { $0 ^ 0x5C })
        innerStart = inner
        outerStart = outer
    }

    /// The `caseRef` of a prison number.
    public func caseRef(prisonNumber: String) -> String {
        var inner = innerStart
        var number = prisonNumber
        number.withUTF8 { inner.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        var outer = outerStart
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
