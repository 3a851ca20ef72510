// swift-tools-version:6.1
import Foundation
import PackageDescription

// A standalone package so that the coverage-guided fuzzer stays out of the main manifest.
// It depends on the project by path; only `InspectionDomain` (and what it depends on) is built.
//
// Build and run it through `scripts/fuzz.sh`, which passes `-Xswiftc -sanitize=fuzzer` so that
// InspectionDomain itself is instrumented for coverage (a per-target flag here would instrument
// only the harness) and uses the scratch path `.build-fuzz`.

/// SwiftPM names a path dependency after its folder, so the product's package is that folder's name
/// (`main` in the usual work tree, whatever a CI clone is called elsewhere).
let parentFolder = URL(fileURLWithPath: Context.packageDirectory)
    .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "decoder-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../..")
    ],
    targets: [
        // The declaration of libFuzzer's `LLVMFuzzerRunDriver`.
        .target(name: "CLibFuzzer"),
        .executableTarget(
            name: "DecoderFuzzer",
            dependencies: ["CLibFuzzer", .product(name: "InspectionDomain", package: parentFolder)],
            swiftSettings: [
                // `@main` calls libFuzzer's driver (SwiftPM links executables with their own entry point, so
                // libFuzzer's `main` is not used). Warnings are errors, as in the main package.
                .unsafeFlags(["-parse-as-library", "-warnings-as-errors"])
            ]
        ),
    ]
)
