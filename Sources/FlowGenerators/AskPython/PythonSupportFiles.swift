/// The Python files every `flowc generate ask-python` skill gets verbatim: the support module the
/// generated handlers import and the stdio runner of `flowc test --against`.
///
/// The text lives once in the repository, under `AskPython/Resources/`, and is compiled into the
/// binary by SwiftPM (`resources: [.embedInCode(…)]` in `Package.swift`).
public enum PythonSupportFiles {
  /// `lambda/flowc_support.py`: the runtime mechanics of the generated skill.
  public static var supportModule: String {
    String(decoding: PackageResources.flowc_support_py, as: UTF8.self)
  }

  /// `local_runner.py`: runs the generated skill on line-delimited envelopes (PROTOCOL v1).
  public static var localRunner: String {
    String(decoding: PackageResources.local_runner_py, as: UTF8.self)
  }

  /// The path of the support module in the output folder.
  public static let supportModulePath = "lambda/flowc_support.py"

  /// The path of the local runner in the output folder.
  public static let localRunnerPath = "local_runner.py"
}
