import Foundation

/// Where the repository is: the tests read the example events and the fuzzing seeds from it.
enum Repository {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        url.deleteLastPathComponent()  // FastJSONTests
        url.deleteLastPathComponent()  // Tests
        url.deleteLastPathComponent()  // repo
        return url
    }()
}

/// A tiny deterministic generator (SplitMix64), so that a failing random case can be repeated from its seed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
