// swift-tools-version: 6.0
// The floors of the process-start benchmark, built and linked exactly as flowc ships
// (scripts/build-release.sh). See benchmarks/README.md.
// - hello: a Swift program that imports Foundation and prints one line;
// - hello-arguments: the same with swift-argument-parser, as flowc is: a root command with a
//   version and one subcommand that reads a file.
import PackageDescription

let package = Package(
  name: "hello",
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .executableTarget(name: "hello", path: "Sources/hello"),
    .executableTarget(
      name: "hello-arguments",
      dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
      path: "Sources/hello-arguments"),
  ]
)
