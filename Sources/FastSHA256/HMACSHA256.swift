/// HMAC-SHA-256 (RFC 2104) with the key's pads absorbed once: each code costs two compressions for a short
/// message, and copying the prepared states is a plain value copy.
public struct HMACSHA256: Sendable {
    private let innerStart: SHA256Hasher
    private let outerStart: SHA256Hasher

    /// Prepares the MAC for `key` (a key longer than the 64-byte block is hashed first).
    public init(key: [UInt8]) {
        var block = key
        if key.count > 64 {
            var hasher = SHA256Hasher()
            hasher.update(key)
            block = hasher.finalize().bytes
        }
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256Hasher()
        inner.update(block.map { $0 ^ 0x36 })
        var outer = SHA256Hasher()
        outer.update(block.map { $0 ^ 0x5C })
        innerStart = inner
        outerStart = outer
    }

    /// The authentication code of a text's UTF-8 bytes.
    public func authenticationCode(for message: String) -> SHA256Hasher.Digest {
        var inner = innerStart
        inner.update(message)
        var outer = outerStart
        inner.finalize().withUnsafeBytes { outer.update($0) }
        return outer.finalize()
    }
}
