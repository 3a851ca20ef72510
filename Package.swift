// swift-tools-version:6.2
import PackageDescription

/// The settings of every Swift target: warnings are errors, and a member is visible only where its module is
/// imported, so each file names what it uses and each target declares what it imports.
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Executables look for a newer librdkafka in the project-local `.local/lib` first (see README,
/// "librdkafka compatibility"): Debian's 2.0.2 cannot talk to the Tansu development broker.
/// DT_RUNPATH comes after LD_LIBRARY_PATH and before the system directories, and is harmless
/// where the folder does not exist (containers ship a librdkafka ≥ 2.2 in the system path).
let localLibrdkafka: [LinkerSetting] = [
    .unsafeFlags([
        "-Xlinker", "-rpath", "-Xlinker", "$ORIGIN/../../.local/lib",
        "-Xlinker", "-rpath", "-Xlinker", "$ORIGIN/../../../.local/lib",
    ])
]

let package = Package(
    name: "inspection-pipeline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "casefile-intake", targets: ["CaseFileIntake"]),
        .executable(name: "transcript-intake", targets: ["TranscriptIntake"]),
        .executable(name: "findings-consolidator", targets: ["FindingsConsolidator"]),
        .executable(name: "aggregate-reporter", targets: ["AggregateReporter"]),
        .executable(name: "inspection", targets: ["InspectionCLI"]),
        .library(name: "Kafka", targets: ["Kafka"]),
        .library(name: "InspectionDomain", targets: ["InspectionDomain"]),
        .library(name: "WorkerRuntime", targets: ["WorkerRuntime"]),
        .library(name: "InspectionWorkers", targets: ["InspectionWorkers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.2"),
        // OTLP export of traces over HTTP only: the gRPC exporter (and its HTTP/2 stack) is left out.
        .package(url: "https://github.com/swift-otel/swift-otel", from: "1.6.0", traits: ["OTLPHTTP"]),
    ],
    targets: [
        // C library → Kafka wrapper → worker runtime (Kafka, services, health, settings; no domain) → inspection
        // workers (the domain on the runtime) → thin executables. The domain rules stay pure and apart.
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(
            name: "Kafka",
            dependencies: [
                "CRdKafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        // SHA-256 block compression in C: the x86 SHA extensions when present, portable C otherwise.
        .target(name: "CSHA256"),
        // SHA-256 and HMAC-SHA-256 over it, without allocation (swift-crypto's cost a quarter of the case-file
        // path); a safe public API, the unsafe code inside.
        .target(name: "FastSHA256", dependencies: ["CSHA256"], swiftSettings: strict),
        // Byte scanning for the JSON parser: SSE2 on x86-64, portable C elsewhere.
        .target(name: "CJSONScan"),
        // The JSON parser, document, field reader, writer and byte-level helpers: a safe API (values, token
        // indexes, spans lent for a call, non-escapable readers), the unsafe code inside. Its readers' lifetimes
        // are declared with `@_lifetime` (the experimental `Lifetimes` feature, only here); the modules using
        // them need no feature.
        .target(
            name: "FastJSON",
            dependencies: ["CJSONScan"],
            swiftSettings: strict + [.enableExperimentalFeature("Lifetimes")]
        ),
        .target(
            name: "InspectionDomain",
            dependencies: ["FastJSON", "FastSHA256"],
            swiftSettings: strict
        ),
        .target(
            name: "WorkerRuntime",
            dependencies: [
                "FastJSON",
                "Kafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
                .product(name: "OTel", package: "swift-otel"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "InspectionWorkers",
            dependencies: [
                "Kafka",
                "InspectionDomain",
                "WorkerRuntime",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "CaseFileIntake",
            dependencies: ["InspectionWorkers", "WorkerRuntime"],
            swiftSettings: strict,
            linkerSettings: localLibrdkafka
        ),
        .executableTarget(
            name: "TranscriptIntake",
            dependencies: ["InspectionWorkers", "WorkerRuntime"],
            swiftSettings: strict,
            linkerSettings: localLibrdkafka
        ),
        .executableTarget(
            name: "FindingsConsolidator",
            dependencies: ["InspectionWorkers", "WorkerRuntime"],
            swiftSettings: strict,
            linkerSettings: localLibrdkafka
        ),
        .executableTarget(
            name: "AggregateReporter",
            dependencies: ["InspectionWorkers", "WorkerRuntime"],
            swiftSettings: strict,
            linkerSettings: localLibrdkafka
        ),
        .executableTarget(
            name: "InspectionCLI",
            dependencies: [
                "Kafka",
                "WorkerRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            linkerSettings: localLibrdkafka
        ),
        .executableTarget(
            name: "DomainBenchmark",
            dependencies: ["InspectionDomain"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "PipelineBenchmark",
            dependencies: [
                "Kafka", "InspectionDomain", "InspectionWorkers", "TestSupport", "WorkerRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strict,
            linkerSettings: localLibrdkafka
        ),
        // librdkafka's mock cluster, for the fault-injection tests (TestSupport's MockKafkaCluster) only.
        .systemLibrary(
            name: "CRdKafkaMock",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["Kafka", "CRdKafka", "CRdKafkaMock", "WorkerRuntime"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KafkaTests",
            dependencies: ["Kafka", "CRdKafka", "TestSupport", "WorkerRuntime"],
            swiftSettings: strict,
            linkerSettings: localLibrdkafka
        ),
        .testTarget(
            name: "InspectionDomainTests",
            dependencies: [
                "InspectionDomain",
                "CJSONScan",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FastSHA256Tests",
            dependencies: ["FastSHA256", "CSHA256", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FastJSONTests",
            dependencies: ["FastJSON", "CJSONScan"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "WorkerRuntimeTests",
            dependencies: [
                "WorkerRuntime", "CRdKafka", "TestSupport",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Instrumentation", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strict,
            linkerSettings: localLibrdkafka
        ),
        .testTarget(
            name: "InspectionWorkersTests",
            dependencies: ["InspectionWorkers", "InspectionDomain", "Kafka", "WorkerRuntime"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Kafka", "InspectionDomain", "InspectionWorkers", "TestSupport", "WorkerRuntime"],
            swiftSettings: strict,
            linkerSettings: localLibrdkafka
        ),
    ]
)
