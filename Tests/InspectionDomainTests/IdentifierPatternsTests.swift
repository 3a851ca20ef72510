import Testing

@testable import InspectionDomain

@Suite struct IdentifierPatternsTests {
    // 120394773 mod 23 = 8 → H (the spec's example); 99/1C: 990000001 mod 23 = 990000001 - 23·43043478 = 7 → G.
    @Test(arguments: [
        ("12/394773H", true), ("2012/394773H", true), ("12/0394773H", true), ("12/394773A", false),
        ("99/1G", true), ("99/1H", false), ("1/394773H", false), ("123/394773H", false), ("12/12345678H", false),
        ("12/394773h", false), ("12/H", false), ("12394773H", false),
    ])
    func pncNumbers(_ text: String, _ valid: Bool) {
        #expect((IdentifierKind.pncNumber.problem(text) == nil) == valid)
    }

    @Test(arguments: [("A1234BC", true), ("a1234BC", false), ("A123BC", false), ("A12345C", false), ("A1234BCD", false)])
    func prisonNumbers(_ text: String, _ valid: Bool) {
        #expect((IdentifierKind.prisonNumber.problem(text) == nil) == valid)
    }

    @Test(arguments: [("X123456", true), ("X12345", false), ("1123456", false), ("X1234567", false)])
    func crns(_ text: String, _ valid: Bool) {
        #expect((IdentifierKind.crn.problem(text) == nil) == valid)
    }

    @Test(arguments: [
        ("INS-2026-MDI-01", true), ("CF1", true), ("C1", false), ("-CF1", false), ("cf-1", false),
        (String(repeating: "A", count: 64), true), (String(repeating: "A", count: 65), false), ("CF 1", false),
    ])
    func ids(_ text: String, _ valid: Bool) {
        #expect((IdentifierKind.id.problem(text) == nil) == valid)
    }
}
