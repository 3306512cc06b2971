public import FlowIR
import Foundation

/// `flowc generate ask-python`: the flow as a skill for the ASK SDK for Python, in the layout
/// of an ASK CLI project, so that `ask deploy` deploys the folder as it is:
///
/// ```
/// ask-resources.json
/// README.md
/// local_runner.py
/// lambda/lambda_function.py
/// lambda/flowc_support.py
/// lambda/requirements.txt
/// skill-package/skill.json
/// skill-package/interactionModels/custom/<locale>.json
/// ```
///
/// `lambda_function.py` is the flow (``LambdaFunctionWriter``); `flowc_support.py` and
/// `local_runner.py` are the same for every flow (``PythonSupportFiles``); the skill package is
/// ``SkillPackageGenerator``'s.
public enum AskPythonGenerator {
  /// The folder of the Lambda function's code.
  public static let lambdaFolder = "lambda"

  /// The PyPI packages the skill needs, pinned to the versions its tests run on.
  public static let requirements = [
    ("ask-sdk-core", "1.19.0"),
    ("ask-sdk-dynamodb-persistence-adapter", "1.19.0"),
  ]

  /// The Python runtime `ask-resources.json` asks Lambda for.
  public static let lambdaRuntime = "python3.12"

  /// Every file of the project, and the skill package's warnings about placeholders.
  ///
  /// - Parameters:
  ///   - program: The compiled flow.
  ///   - endpoint: The endpoint written into `skill.json`; `nil` writes a placeholder (and
  ///     warns), which `ask deploy` replaces with the Lambda function it creates.
  /// - Returns: The files in a fixed order, and the warnings.
  /// - Throws: `EncodingError` from the skill package (it cannot fail for these types).
  public static func files(for program: FlowProgram, endpoint: SkillEndpoint?) throws
    -> (files: [GeneratedFile], warnings: [GeneratorWarning])
  {
    var writer = LambdaFunctionWriter(program: program)
    var files = [
      GeneratedFile(path: "ask-resources.json", contents: Data(askResources.utf8)),
      GeneratedFile(
        path: "README.md", contents: Data(ReadmeWriter(program: program).render().utf8)),
      GeneratedFile(
        path: PythonSupportFiles.localRunnerPath,
        contents: Data(PythonSupportFiles.localRunner.utf8)),
      GeneratedFile(
        path: "\(lambdaFolder)/lambda_function.py", contents: Data(writer.render().utf8)),
      GeneratedFile(
        path: PythonSupportFiles.supportModulePath,
        contents: Data(PythonSupportFiles.supportModule.utf8)),
      GeneratedFile(
        path: "\(lambdaFolder)/requirements.txt",
        contents: Data(requirements.map { "\($0.0)==\($0.1)\n" }.joined().utf8)),
    ]
    let package = try SkillPackageGenerator.files(for: program, endpoint: endpoint)
    files += package.files
    return (files, package.warnings)
  }

  /// The ASK CLI v2 project file: the skill package, and the code deployed to Lambda by the
  /// CLI's Lambda deployer.
  static let askResources = """
    {
      "askcliResourcesVersion": "2020-03-31",
      "profiles": {
        "default": {
          "skillMetadata": {
            "src": "./skill-package"
          },
          "code": {
            "default": {
              "src": "./lambda"
            }
          },
          "skillInfrastructure": {
            "type": "@ask-cli/lambda-deployer",
            "userConfig": {
              "runtime": "\(lambdaRuntime)",
              "handler": "lambda_function.lambda_handler"
            }
          }
        }
      }
    }

    """
}
