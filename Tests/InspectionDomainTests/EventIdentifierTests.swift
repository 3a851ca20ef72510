import Crypto
import Foundation
import Testing

@testable import InspectionDomain

@Suite struct EventIdentifierTests {
    private func hex<D: Sequence<UInt8>>(_ bytes: D) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

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
