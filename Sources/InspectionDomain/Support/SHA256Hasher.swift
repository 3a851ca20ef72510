import Crypto

/// SHA-256 (FIPS 180-4) for the output event ids, over swift-crypto's `SHA256` (BoringSSL on Linux): an
/// incremental hasher that takes text and bytes piece by piece, and a digest readable as the eight big-endian
/// words the UUID layout needs.
struct SHA256Hasher: Sendable {
    private var hash = SHA256()

    init() {}

    /// Absorbs bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hash.update(bufferPointer: bytes)
    }

    /// Absorbs bytes.
    mutating func update(_ bytes: some DataProtocol) {
        hash.update(data: bytes)
    }

    /// Absorbs a string's UTF-8 bytes.
    mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    /// Absorbs one byte.
    mutating func update(byte: UInt8) {
        Swift.withUnsafeBytes(of: byte) { hash.update(bufferPointer: $0) }
    }

    /// Pads, and returns the 32-byte digest (the hasher is spent).
    mutating func finalize() -> Digest {
        Digest(hash.finalize())
    }

    /// A SHA-256 digest.
    struct Digest: Sendable {
        let words: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

        init(_ digest: SHA256.Digest) {
            var iterator = digest.makeIterator()
            func word() -> UInt32 {
                var value: UInt32 = 0
                for _ in 0..<4 { value = value << 8 | UInt32(iterator.next() ?? 0) }
                return value
            }
            words = (word(), word(), word(), word(), word(), word(), word(), word())
        }

        /// Byte `index` (0..<32) of the big-endian digest.
        subscript(index: Int) -> UInt8 {
            let word: UInt32
            switch index >> 2 {
            case 0: word = words.0
            case 1: word = words.1
            case 2: word = words.2
            case 3: word = words.3
            case 4: word = words.4
            case 5: word = words.5
            case 6: word = words.6
            default: word = words.7
            }
            return UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32(index & 3)))
        }

        /// Calls `body` with the 32 digest bytes.
        func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            var bigEndian = (
                words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian,
                words.4.bigEndian, words.5.bigEndian, words.6.bigEndian, words.7.bigEndian
            )
            return try Swift.withUnsafeBytes(of: &bigEndian, body)
        }
    }
}
