import Crypto
import Foundation
import Testing

@testable import InspectionDomain

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

    @Test func digestIsTheSameWhateverTheSplit() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 55, 56, 63, 64, 65, 127, 128, 200] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(digest(bytes, splitAt: Int.random(in: 0...length, using: &generator)) == digest(bytes), "length \(length)")
        }
    }

    /// RFC 4231's HMAC-SHA-256 test cases 1, 2 and 6 (a key longer than the block is hashed first): the
    /// `caseRef` is `CR-` and the first eight bytes of the MAC in upper-case hex.
    @Test func caseRefIsRFC2104HMACForShortAndLongKeys() {
        let cases: [(key: [UInt8], data: String, mac: String)] = [
            ([UInt8](repeating: 0x0b, count: 20), "Hi There", "B0344C61D8DB3853"),
            (Array("Jefe".utf8), "what do ya want for nothing?", "5BDCC146BF60754E"),
            ([UInt8](repeating: 0xaa, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First", "60E431591EE0B67F"),
        ]
        for (key, data, mac) in cases {
            #expect(Pseudonymizer(key: key).caseRef(prisonNumber: data) == "CR-" + mac, "key of \(key.count) bytes")
        }
    }

    @Test func outputIdHashesWorkerSourceAndIdAsOneName() {
        let name = "casefile-intake\u{0}urn:case-system:nomis/3f1c-\u{e9}v\u{e9}nement"
        let bytes = Array(SHA256.hash(data: Array(name.utf8)).prefix(16))
        var expected = hex(bytes[0..<4]) + "-" + hex(bytes[4..<6]) + "-"
        expected += hex([(bytes[6] & 0x0F) | 0x80, bytes[7]]) + "-" + hex([(bytes[8] & 0x3F) | 0x80, bytes[9]]) + "-" + hex(bytes[10..<16])
        #expect(
            EventIdentifier.output(worker: "casefile-intake", inputSource: "urn:case-system:nomis", inputId: "3f1c-\u{e9}v\u{e9}nement") == expected)
        #expect(EventIdentifier.uuid(name) == expected)
    }
}
