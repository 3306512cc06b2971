public import FlowIR
import Foundation

/// `flowc generate skill-package`: the interaction model of every locale and the manifest, in
/// the ASK CLI layout.
///
/// ```
/// skill-package/skill.json
/// skill-package/interactionModels/custom/<locale>.json
/// ```
public enum SkillPackageGenerator {
  /// The folder every file of the package lives in.
  public static let packageFolder = "skill-package"

  /// The files of the skill package, as canonical pretty JSON, and the warnings about
  /// placeholders.
  ///
  /// - Parameters:
  ///   - program: The compiled flow.
  ///   - endpoint: The skill's endpoint; `nil` writes a placeholder (and warns).
  /// - Returns: `skill.json` first, then one interaction model per locale in the skill's
  ///   locale order; the warnings in the order they were found.
  /// - Throws: `EncodingError` if a value cannot be encoded (it cannot, for these types).
  public static func files(for program: FlowProgram, endpoint: SkillEndpoint?) throws
    -> (files: [GeneratedFile], warnings: [GeneratorWarning])
  {
    let (manifest, warnings) = SkillManifestGenerator.manifest(for: program, endpoint: endpoint)
    var files = [
      GeneratedFile(
        path: "\(packageFolder)/skill.json", contents: try CanonicalJSON.pretty(manifest))
    ]
    for locale in program.skill.locales {
      let model = InteractionModelGenerator.model(for: program, locale: locale)
      files.append(
        GeneratedFile(
          path: "\(packageFolder)/interactionModels/custom/\(locale).json",
          contents: try CanonicalJSON.pretty(model)))
    }
    return (files, warnings)
  }
}
