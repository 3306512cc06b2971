// swift-tools-version: 6.0
// The store benchmark (group commit), kept out of the root package's default build: it depends
// on the root package by path. Run it with `benchmarks/store/run.sh` (see benchmarks/README.md).
import PackageDescription

let package = Package(
  name: "StoreBenchmark",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "flowc", path: "../..")
  ],
  targets: [
    .executableTarget(
      name: "StoreBenchmark",
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
