// swift-tools-version: 6.0
// libFuzzer harnesses for flowc: one executable per harness, built with
// `-sanitize=fuzzer,address` by `run.sh` (see docs/fuzzing.md). The harnesses call only the
// root package's high-level entry points.
import PackageDescription

let harnesses = [
  "FuzzYAML", "FuzzCheck", "FuzzCondition", "FuzzTemplate", "FuzzEngine", "FuzzTestScript",
]

let package = Package(
  name: "flowc-fuzz",
  platforms: [.macOS(.v14)],
  dependencies: [.package(path: ".root/flowc")],
  targets: [
    .target(name: "FuzzSupport", dependencies: [.product(name: "FlowCompiler", package: "flowc")])
  ]
    + harnesses.map { name in
      .executableTarget(
        name: name,
        dependencies: [
          "FuzzSupport",
          .product(name: "FlowCompiler", package: "flowc"),
          .product(name: "FlowRuntime", package: "flowc"),
          .product(name: "FlowIR", package: "flowc"),
          .product(name: "FlowTesting", package: "flowc"),
        ]
      )
    },
  swiftLanguageModes: [.v5]
)
