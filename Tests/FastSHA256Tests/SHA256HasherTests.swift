import CSHA256
import Crypto
import Foundation
import Testing

@testable import FastSHA256

@Suite struct SHA256HasherTests {
    private func hex<D: Sequence<UInt8>>(_ bytes: D) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
    private func digest(_ bytes: [UInt8], splitAt split: Int? = nil) -> String {
        var hasher = SHA256Hasher()
        let cut = min(split ?? bytes.count, bytes.count)
        bytes[..<cut].withUnsafeBytes { hasher.update($0) }
        bytes[cut...].withUnsafeBytes { hasher.update($0) }
        return hasher.finalize().withUnsafeBytes { hex($0) }
    }

    @Test func fipsVectors() {
        #expect(digest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(digest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            digest(Array(repeating: UInt8(ascii: "a"), count: 1_000_000), splitAt: 333_333)
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The digest read a byte at a time is the big-endian digest.
    @Test func digestBytesByIndex() {
        var hasher = SHA256Hasher()
        Array("abc".utf8).withUnsafeBytes { hasher.update($0) }
        let digest = hasher.finalize()
        #expect(hex((0..<32).map { digest[$0] }) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect((0..<32).map { digest[$0] } == digest.bytes)
    }

    @Test func agreesWithSwiftCryptoOnEveryLengthAroundTheBlocks() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = hex(SHA256.hash(data: bytes))
            #expect(digest(bytes) == expected, "length \(length)")
            #expect(digest(bytes, splitAt: Int.random(in: 0...length, using: &generator)) == expected, "length \(length), split")
        }
    }

    @Test func portableCompressionAgreesWithTheDispatchedOne() {
        // On a CPU with the SHA extensions this compares the two implementations; without them, both are portable.
        var generator = SystemRandomNumberGenerator()
        for blocks in [1, 2, 3, 7] {
            let data = (0..<(64 * blocks)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var fast: [UInt32] = [0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19]
            var portable = fast
            ik_sha256_blocks(&fast, data, blocks)
            ik_sha256_blocks_portable(&portable, data, blocks)
            #expect(fast == portable, "\(blocks) blocks (SHA extensions: \(ik_sha256_uses_sha_extensions()))")
        }
    }

    @Test func hmacAgreesWithSwiftCryptoForShortAndLongKeys() {
        for keyLength in [0, 1, 30, 63, 64, 65, 100] {
            let key = (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let expected = HMAC<SHA256>.authenticationCode(for: Array("A1234BC".utf8), using: SymmetricKey(data: key))
            #expect(HMACSHA256(key: key).authenticationCode(for: "A1234BC").bytes == Array(expected), "key of \(keyLength) bytes")
        }
    }

    /// RFC 4231's HMAC-SHA-256 test cases 1, 2 and 6 (a key longer than the block is hashed first).
    @Test func hmacMatchesRFC4231() {
        let cases: [(key: [UInt8], data: String, mac: String)] = [
            ([UInt8](repeating: 0x0b, count: 20), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (Array("Jefe".utf8), "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            (
                [UInt8](repeating: 0xaa, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
            ),
        ]
        for (key, data, mac) in cases {
            #expect(hex(HMACSHA256(key: key).authenticationCode(for: data).bytes) == mac, "key of \(key.count) bytes")
        }
    }
}
