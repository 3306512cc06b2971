// swift-tools-version: 6.0
import PackageDescription

let upcomingFeatures: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

// The settings of the modules flowc ships (its libraries and the executable; the test targets
// keep `upcomingFeatures`). Release builds pass two options of the frontend (both listed by
// `swift -frontend -help-hidden`; a toolchain without them fails the release build with an
// unknown argument, and removing them here restores the defaults):
//
// - `-disable-type-layout`: a value of a generic type made concrete (`Located<String>`,
//   `KeyedSyntax<TransitionSyntax>`, `Result<Money, …>`) is copied and destroyed field by
//   field, one retain per reference, instead of through the generic value witnesses found via
//   the type's metadata (about 240 instructions per copy of a `Located<String>` instead of a
//   dozen).
// - `-disable-concrete-type-metadata-mangled-name-accessors`: the metadata of a concrete generic
//   type (`Dictionary<String, SourceRange>`, `Set<BaseVariable>`) comes from its accessor, with
//   the conformances it needs passed in, instead of from demangling its name at first use,
//   which looks every conformance up by scanning all of the binary's 12,600 conformance records.
//   That is the code Swift emits for runtimes older than 5.2; it costs a little code size.
//
// Instructions of `flowc check` on a 1 MB flow: 708 M to 680 M with the first, 625 M to 617 M
// with the second; on No Nicks, where first uses are most of the work, 42 M to 35 M with the
// second. The output is the same (benchmarks/README.md, "Code generation and the allocator").
let shippedCodeSettings: [SwiftSetting] =
  upcomingFeatures + [
    .unsafeFlags(
      [
        "-Xfrontend", "-disable-type-layout",
        "-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors",
      ],
      .when(configuration: .release))
  ]

let package = Package(
  name: "flowc",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "flowc", targets: ["flowc"]),
    .library(name: "FlowIR", targets: ["FlowIR"]),
    .library(name: "FlowCompiler", targets: ["FlowCompiler"]),
    .library(name: "FlowRuntime", targets: ["FlowRuntime"]),
    .library(name: "FlowTesting", targets: ["FlowTesting"]),
    .library(name: "FlowGenerators", targets: ["FlowGenerators"]),
    .library(name: "FlowStoreSQL", targets: ["FlowStoreSQL"]),
    .library(name: "FlowServer", targets: ["FlowServer"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
    .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
    .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
    .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
    // `flowc serve`: the HTTP server, its logs, metrics and lifecycle.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    .target(
      name: "FlowIR",
      swiftSettings: shippedCodeSettings
    ),
    .target(
      name: "FlowCompiler",
      dependencies: [
        "CLibYAML",
        "FlowIR",
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      swiftSettings: shippedCodeSettings
    ),
    .target(
      name: "FlowRuntime",
      dependencies: ["FlowIR", .product(name: "Crypto", package: "swift-crypto")],
      swiftSettings: shippedCodeSettings
    ),
    // The SQL store drivers and store-URL opening, kept out of FlowRuntime.
    .target(
      name: "FlowStoreSQL",
      dependencies: [
        "FlowIR",
        "FlowRuntime",
        .product(name: "PostgresKit", package: "postgres-kit"),
        .product(name: "SQLKit", package: "sql-kit"),
        .product(name: "SQLiteKit", package: "sqlite-kit"),
        .product(name: "SQLiteNIO", package: "sqlite-nio"),
      ],
      swiftSettings: shippedCodeSettings
    ),
    // `flowc serve`: the HTTP endpoint, Alexa request verification, health and metrics.
    .target(
      name: "FlowServer",
      dependencies: [
        "FlowIR",
        "FlowRuntime",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "SwiftASN1", package: "swift-asn1"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "X509", package: "swift-certificates"),
      ],
      swiftSettings: shippedCodeSettings
    ),
    .testTarget(
      name: "FlowServerTests",
      dependencies: [
        "FlowServer", "FlowRuntime", "FlowIR", "FlowCompiler", "FlowTestSupport",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "InMemoryLogging", package: "swift-log"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "SwiftASN1", package: "swift-asn1"),
        .product(name: "X509", package: "swift-certificates"),
      ],
      swiftSettings: upcomingFeatures
    ),
    // Skill package and graphs, from the IR only.
    .target(
      name: "FlowGenerators",
      dependencies: ["FlowIR"],
      resources: [
        // The Python support module and local runner copied into `flowc generate ask-python`
        // output, compiled into the binary (`PackageResources`).
        .embedInCode("AskPython/Resources/flowc_support.py"),
        .embedInCode("AskPython/Resources/local_runner.py"),
      ],
      swiftSettings: shippedCodeSettings
    ),
    .testTarget(
      name: "FlowGeneratorsTests",
      dependencies: ["FlowGenerators", "FlowCompiler", "FlowIR", "FlowTestSupport"],
      swiftSettings: upcomingFeatures
    ),
    // Conversation tests and the simulator (`flowc test`, `flowc simulate`); the HTTP client
    // talks to a skill endpoint (`flowc test --endpoint`).
    .target(
      name: "FlowTesting",
      dependencies: [
        "FlowCompiler", "FlowIR", "FlowRuntime",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ],
      swiftSettings: shippedCodeSettings
    ),
    .testTarget(
      name: "FlowTestingTests",
      dependencies: ["FlowTesting", "FlowCompiler", "FlowIR", "FlowRuntime", "FlowTestSupport"],
      swiftSettings: upcomingFeatures
    ),
    .executableTarget(
      name: "flowc",
      dependencies: [
        "FlowCompiler",
        "FlowGenerators",
        "FlowIR",
        "FlowRuntime",
        "FlowServer",
        "FlowStoreSQL",
        "FlowTesting",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: shippedCodeSettings,
      // On Linux the executable allocates with mimalloc (Debian's libmimalloc-dev, installed by
      // scripts/setup.sh) instead of glibc's malloc: linked before libc, its malloc and free
      // serve the whole process, the Swift runtime's allocations included. flowc allocates
      // many small, short-lived objects; `check` and `compile` of the 4.4 MB benchmark flow
      // take 13-20 % less time (benchmarks/README.md, "Code generation and the allocator").
      // Only the executable links it: the libraries leave the allocator to the program.
      linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
    ),
    .target(
      name: "FlowTestSupport",
      dependencies: [
        "FlowCompiler", "FlowIR", "FlowRuntime", "FlowTesting",
        // `PostgresTestDatabase`: a fresh database per test, and SQL to look into it.
        .product(name: "Logging", package: "swift-log"),
        .product(name: "PostgresKit", package: "postgres-kit"),
        .product(name: "SQLKit", package: "sql-kit"),
      ],
      path: "Tests/FlowTestSupport",
      swiftSettings: upcomingFeatures
    ),
    .testTarget(
      name: "FlowCompilerTests",
      dependencies: ["FlowCompiler", "FlowIR", "FlowTestSupport"],
      swiftSettings: upcomingFeatures
    ),
    .testTarget(
      name: "FlowRuntimeTests",
      dependencies: [
        "FlowRuntime", "FlowStoreSQL", "FlowIR", "FlowCompiler", "FlowTesting", "FlowTestSupport",
        .product(name: "SQLKit", package: "sql-kit"),
        .product(name: "PostgresKit", package: "postgres-kit"),
      ],
      swiftSettings: upcomingFeatures
    ),
    .testTarget(
      name: "flowcTests",
      dependencies: [
        "flowc", "FlowIR", "FlowRuntime", "FlowTestSupport",
        .product(name: "SQLKit", package: "sql-kit"),
      ],
      swiftSettings: upcomingFeatures
    ),
  ]
)
