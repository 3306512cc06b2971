// swift-tools-version: 6.0
// The runtime benchmark, kept out of the root package's default build: it depends on the root
// package by path. Run it with `benchmarks/runtime/run.sh` (see benchmarks/README.md).
import PackageDescription

let package = Package(
  name: "RuntimeBenchmark",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "flowc", path: "../..")
  ],
  targets: [
    .executableTarget(
      name: "RuntimeBenchmark",
      dependencies: [
        .product(name: "FlowCompiler", package: "flowc"),
        .product(name: "FlowIR", package: "flowc"),
        .product(name: "FlowRuntime", package: "flowc"),
        .product(name: "FlowStoreSQL", package: "flowc"),
      ],
      path: "Sources",
      swiftSettings: [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
      ]
    )
  ]
)
