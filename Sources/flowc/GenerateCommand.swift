import ArgumentParser
import FlowGenerators
import FlowIR
import Foundation

/// `flowc generate TARGET …`: writes what a deployment needs, generated from the IR.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Generate deployment files from a flow (see docs/generate.md).",
    subcommands: [GenerateSkillPackageCommand.self]
  )
}

/// `flowc generate skill-package FLOW -o DIR [--endpoint URI]`.
struct GenerateSkillPackageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "skill-package",
    abstract: "Write the interaction models and skill.json in the ASK CLI layout.",
    discussion: """
      FLOW is a flow file (YAML, compiled first) or IR JSON. Writes \
      DIR/skill-package/skill.json and DIR/skill-package/interactionModels/custom/<locale>.json \
      and prints each path written. Missing publishing information and a missing --endpoint \
      become values starting with 'PLACEHOLDER:', each reported as a warning on standard \
      error. Exit status: 0 written (warnings or not), 1 when the flow cannot be read or a \
      file cannot be written, 64 on a usage error.
      """
  )

  /// `--certificate`: SMAPI's `sslCertificateType` for an HTTPS endpoint.
  enum Certificate: String, ExpressibleByArgument, CaseIterable {
    case trusted, wildcard
    case selfSigned = "self-signed"

    var type: SkillEndpoint.CertificateType {
      switch self {
      case .trusted: .trusted
      case .wildcard: .wildcard
      case .selfSigned: .selfSigned
      }
    }
  }

  @Argument(help: "The flow: a YAML flow file or IR JSON ('-' for standard input).")
  var flow: String

  @Option(name: .shortAndLong, help: "The output folder (created if needed).")
  var output: String

  @Option(
    help: ArgumentHelp(
      "The skill's endpoint: an https:// URL or a Lambda ARN (arn:aws:lambda:…).",
      valueName: "uri"))
  var endpoint: String?

  @Option(help: "The certificate of an https endpoint: trusted, wildcard or self-signed.")
  var certificate: Certificate = .trusted

  func validate() throws {
    if let endpoint, SkillEndpoint(parsing: endpoint) == nil {
      throw ValidationError(
        "--endpoint '\(endpoint)' is neither an https:// URL nor a Lambda ARN (arn:aws:lambda:…)")
    }
  }

  func run() throws {
    let program = try CommandOutput.loadProgram(path: flow)
    let skillEndpoint = endpoint.flatMap {
      SkillEndpoint(parsing: $0, certificate: certificate.type)
    }
    let directory = URL(fileURLWithPath: output)
    do {
      let (files, warnings) = try SkillPackageGenerator.files(for: program, endpoint: skillEndpoint)
      for warning in warnings {
        CommandOutput.warning("\(warning)")
      }
      try GeneratedFile.write(files, into: directory)
      for file in files {
        StandardStream.output.write(directory.appendingPathComponent(file.path).relativePath + "\n")
      }
    } catch {
      CommandOutput.error("cannot write the skill package to '\(output)': \(error)")
      throw ExitCode.failure
    }
  }
}
