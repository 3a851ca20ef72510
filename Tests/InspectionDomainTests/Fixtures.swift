import Foundation
import Testing

@testable import InspectionDomain

/// Shared test data: the real config files and example events. A fixture that cannot be loaded throws a
/// ``FixtureError`` naming it, so only the tests using it fail (never the whole run).
enum Fixtures {
    /// A fixture that could not be loaded: which one, from where, and why.
    struct FixtureError: Error, CustomStringConvertible {
        let description: String
    }

    static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        url.deleteLastPathComponent()  // InspectionDomainTests
        url.deleteLastPathComponent()  // Tests
        url.deleteLastPathComponent()  // repo
        return url
    }()

    static let configDirectory = repoRoot.appendingPathComponent("config").path

    /// The rule set loaded once from `config/`; every read rethrows the same failure.
    private static let loadedRules: Result<RuleSet, FixtureError> = Result {
        try RuleSet.load(fromDirectory: configDirectory)
    }.mapError { FixtureError(description: "fixture 'rules': cannot load the rule set from \(configDirectory): \($0)") }

    /// The rules of `config/` (catalogue, codebook, calendar).
    static var rules: RuleSet {
        get throws { try loadedRules.get() }
    }

    /// The bytes of `config/examples/<name>.json`.
    static func example(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: configDirectory).appendingPathComponent("examples/\(name).json")
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw FixtureError(description: "fixture example '\(name)': cannot read \(url.path): \(error)")
        }
    }
}

@Suite struct FixturesTests {
    @Test func aFixtureThatCannotBeLoadedThrowsAnErrorNamingIt() {
        #expect {
            try Fixtures.example("no-such-example")
        } throws: { error in
            "\(error)".contains("fixture example 'no-such-example'") && "\(error)".contains("examples/no-such-example.json")
        }
    }
}
