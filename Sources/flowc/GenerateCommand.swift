import ArgumentParser
import FlowGenerators
import FlowIR
import Foundation

/// `flowc generate TARGET …`: writes what a deployment needs, generated from the IR.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Generate deployment files from a flow (see docs/generate.md).",
    subcommands: [GenerateSkillPackageCommand.self, GenerateAskPythonCommand.self]
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

  @OptionGroup var options: GenerateOptions

  func run() throws {
    try options.generate(what: "the skill package", with: SkillPackageGenerator.files)
  }
}

/// `flowc generate ask-python FLOW -o DIR [--endpoint URI]`.
struct GenerateAskPythonCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ask-python",
    abstract: "Write the flow as a skill for the ASK SDK for Python (an ASK CLI project).",
    discussion: """
      FLOW is a flow file (YAML, compiled first) or IR JSON. Writes DIR/lambda/lambda_function.py \
      (the flow's states and handlers), DIR/lambda/flowc_support.py, \
      DIR/lambda/requirements.txt, DIR/local_runner.py, DIR/README.md, DIR/ask-resources.json \
      and the skill package (DIR/skill-package/…, as 'flowc generate skill-package' writes it), \
      and prints each path written. Files of the same name are replaced; nothing else in DIR \
      is touched. Placeholders in skill.json are reported as warnings on standard error. Exit \
      status: 0 written (warnings or not), 1 when the flow cannot be read or a file cannot be \
      written, 64 on a usage error.
      """
  )

  @OptionGroup var options: GenerateOptions

  func run() throws {
    try options.generate(what: "the Python skill", with: AskPythonGenerator.files)
  }
}

/// `--endpoint URI [--certificate TYPE]`: the endpoint `skill.json` names.
struct EndpointOptions: ParsableArguments {
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

  /// The endpoint, or `nil` when none was given.
  var skillEndpoint: SkillEndpoint? {
    endpoint.flatMap { SkillEndpoint(parsing: $0, certificate: certificate.type) }
  }
}

/// `FLOW -o DIR [--endpoint URI] [--certificate TYPE]`: what every `generate` target takes.
struct GenerateOptions: ParsableArguments {
  @Argument(help: "The flow: a YAML flow file or IR JSON ('-' for standard input).")
  var flow: String

  @Option(name: .shortAndLong, help: "The output folder (created if needed).")
  var output: String

  @OptionGroup var endpoint: EndpointOptions

  /// Loads the flow, generates its files and writes them under `output`, printing the
  /// warnings on standard error and each path written on standard output.
  ///
  /// - Parameters:
  ///   - what: What is written, for the error message (`the skill package`).
  ///   - generator: The target's generator.
  /// - Throws: `ExitCode.failure` (after an error message) when the flow cannot be read or a
  ///   file cannot be written.
  func generate(
    what: String,
    with generator: (FlowProgram, SkillEndpoint?) throws -> (
      files: [GeneratedFile], warnings: [GeneratorWarning]
    )
  ) throws {
    let program = try CommandOutput.loadProgram(path: flow)
    let directory = URL(fileURLWithPath: output)
    do {
      let (files, warnings) = try generator(program, endpoint.skillEndpoint)
      for warning in warnings {
        CommandOutput.warning("\(warning)")
      }
      try GeneratedFile.write(files, into: directory)
      for file in files {
        StandardStream.output.write(directory.appendingPathComponent(file.path).relativePath + "\n")
      }
    } catch {
      CommandOutput.error("cannot write \(what) to '\(output)': \(error)")
      throw ExitCode.failure
    }
  }
}
