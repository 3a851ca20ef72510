import Foundation

@testable import InspectionDomain

/// Shared test data: the real config files and example events.
enum Fixtures {
    static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        url.deleteLastPathComponent()  // InspectionDomainTests
        url.deleteLastPathComponent()  // Tests
        url.deleteLastPathComponent()  // repo
        return url
    }()

    static let configDirectory = repoRoot.appendingPathComponent("config").path

    static let rules: RuleSet = {
        do { return try RuleSet.load(fromDirectory: configDirectory) } catch { fatalError("cannot load rules from \(configDirectory): \(error)") }
    }()

    static func example(_ name: String) -> [UInt8] {
        let url = URL(fileURLWithPath: configDirectory).appendingPathComponent("examples/\(name).json")
        guard let data = try? Data(contentsOf: url) else { fatalError("missing example \(url.path)") }
        return [UInt8](data)
    }
}
