import CSHA256

/// SHA-256 (FIPS 180-4) for the short inputs on the per-event path: the output event id and the `caseRef`
/// HMAC. A value type with no heap allocation, so copying a state that has absorbed a prefix (the HMAC key
/// pads) is a plain copy. swift-crypto's `SHA256` allocates a context per hasher and per copy, which made the
/// case-file path about a quarter slower (docs/performance.md); the tests compare this one with it on random
/// inputs of every length around the block boundaries. The compression is `CSHA256` (the x86 SHA extensions
/// when present, portable C otherwise). The public API takes only safe types.
public struct SHA256Hasher: Sendable {
    /// The eight chaining words.
    private var h0: UInt32 = 0x6a09_e667, h1: UInt32 = 0xbb67_ae85, h2: UInt32 = 0x3c6e_f372, h3: UInt32 = 0xa54f_f53a
    private var h4: UInt32 = 0x510e_527f, h5: UInt32 = 0x9b05_688c, h6: UInt32 = 0x1f83_d9ab, h7: UInt32 = 0x5be0_cd19
    /// The partial block, and how many of its bytes are filled.
    private var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var filled = 0
    /// Bytes absorbed so far.
    private var length: UInt64 = 0

    public init() {}

    /// Absorbs bytes.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Absorbs bytes.
    public mutating func update(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Absorbs bytes.
    public mutating func update(_ bytes: Span<UInt8>) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Absorbs bytes.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var source = bytes.baseAddress, !bytes.isEmpty else { return }
        var remaining = bytes.count
        length &+= UInt64(remaining)
        if filled > 0 {
            let take = min(64 - filled, remaining)
            withUnsafeMutableBytes(of: &block) { $0.baseAddress!.advanced(by: filled).copyMemory(from: source, byteCount: take) }
            filled += take
            source += take
            remaining -= take
            guard filled == 64 else { return }
            var copy = block
            withUnsafeBytes(of: &copy) { compress($0.baseAddress!) }
            filled = 0
        }
        while remaining >= 64 {
            compress(source)
            source += 64
            remaining -= 64
        }
        if remaining > 0 {
            withUnsafeMutableBytes(of: &block) { $0.baseAddress!.copyMemory(from: source, byteCount: remaining) }
            filled = remaining
        }
    }

    /// Absorbs a string's UTF-8 bytes.
    public mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Absorbs one byte.
    public mutating func update(byte: UInt8) {
        var byte = byte
        withUnsafeBytes(of: &byte) { update($0) }
    }

    /// Pads, and returns the 32-byte digest (the hasher is spent).
    public mutating func finalize() -> Digest {
        let bits = length &* 8
        var padding: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0x80, 0, 0, 0, 0, 0, 0, 0, 0)
        // 0x80, zeros up to 56 mod 64, then the 64-bit big-endian bit length.
        let zeros = (filled < 56 ? 55 - filled : 119 - filled)
        withUnsafeBytes(of: &padding) { update(UnsafeRawBufferPointer(rebasing: $0[0..<(1 + zeros)])) }
        var lengthBytes = bits.bigEndian
        withUnsafeBytes(of: &lengthBytes) { update($0) }
        return Digest(words: (h0, h1, h2, h3, h4, h5, h6, h7))
    }

    /// A SHA-256 digest.
    public struct Digest: Sendable {
        /// The eight words, as numbers (byte 0 of the digest is the high byte of word 0).
        public let words: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

        /// Byte `index` (0..<32) of the big-endian digest. Inlinable: callers read the digest a byte at a time.
        @inlinable
        public subscript(index: Int) -> UInt8 {
            let word: UInt32
            switch index >> 2 {
            case 0: word = words.0
            case 1: word = words.1
            case 2: word = words.2
            case 3: word = words.3
            case 4: word = words.4
            case 5: word = words.5
            case 6: word = words.6
            case 7: word = words.7
            default: preconditionFailure("digest byte \(index) of 32")
            }
            return UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32(index & 3)))
        }

        /// The 32 digest bytes.
        public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

        /// Calls `body` with the 32 digest bytes.
        func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            var bigEndian = (
                words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian,
                words.4.bigEndian, words.5.bigEndian, words.6.bigEndian, words.7.bigEndian
            )
            return try Swift.withUnsafeBytes(of: &bigEndian, body)
        }
    }

    /// One compression of a 64-byte block (C: the SHA extensions when the CPU has them).
    private mutating func compress(_ data: UnsafeRawPointer) {
        var state = (h0, h1, h2, h3, h4, h5, h6, h7)
        withUnsafeMutableBytes(of: &state) { words in
            ik_sha256_blocks(words.baseAddress!.assumingMemoryBound(to: UInt32.self), data.assumingMemoryBound(to: UInt8.self), 1)
        }
        (h0, h1, h2, h3, h4, h5, h6, h7) = state
    }
}
