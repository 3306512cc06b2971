// swift-tools-version: 6.0
// The runtime benchmark, kept out of the root package's default build: it depends on the root
// package by path. Run it with `benchmarks/runtime/run.sh` (see benchmarks/README.md).
import PackageDescription

let package = Package(
  name: "RuntimeBenchmark",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "flowc", path: "../.."),
    // The bare-commit floor writes with the SQLite library the store uses, without SQLKit.
    .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
  ],
  targets: [
    .executableTarget(
      name: "RuntimeBenchmark",
      dependencies: [
        .product(name: "FlowCompiler", package: "flowc"),
        .product(name: "FlowIR", package: "flowc"),
        .product(name: "FlowRuntime", package: "flowc"),
        .product(name: "FlowStoreSQL", package: "flowc"),
        .product(name: "SQLiteNIO", package: "sqlite-nio"),
      ],
      path: "Sources",
      swiftSettings: [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
      ]
    )
  ]
)
