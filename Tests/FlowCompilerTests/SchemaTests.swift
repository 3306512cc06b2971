import FlowCompiler
import FlowTestSupport
import Foundation
import Testing

/// `flowc schema`: the JSON Schema is well-formed draft 2020-12, accepts the project's flows
/// and rejects broken ones, checked with Python's `jsonschema` (an implementation that is not
/// ours). The interpreter is `Tooling.python` (`$FLOWC_PYTHON`, else `python3`); the tests that
/// need PyYAML and jsonschema (`pip install pyyaml jsonschema`) are skipped without them.
@Suite struct SchemaTests {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = Golden.url("compiler/Schema")

  /// Loads each YAML file as YAML 1.2 would (only `true`/`false` are booleans, so `on:` stays
  /// a key; libyaml's parser, like flowc's) and prints `VALID path` or `INVALID path<TAB>why`.
  static let validatorScript = #"""
    import json, re, sys
    import yaml
    from jsonschema import Draft202012Validator

    class Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    with open(sys.argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as handle:
            document = yaml.load(handle, Loader=Loader)
        errors = list(validator.iter_errors(document))
        if errors:
            print("INVALID " + path + "\t" + errors[0].message.replace("\n", " ")[:300])
        else:
            print("VALID " + path)
    """#

  /// Mutations of the No Nicks flow, each breaking one rule the schema states.
  static let brokenDocuments: [(name: String, original: String, replacement: String)] = [
    ("version", "flowc: 1\n", "flowc: 2\n"),
    ("country", "  country: US", "  country: GB"),
    ("currency", "  currency: USD", "  currency: usd"),
    ("missing outcome", "        declined: declined\n", ""),
    ("two kinds", "      ask: welcome\n", "      ask: welcome\n      tell: goodbye\n"),
    ("product id", "  starter_kit:", "  Starter-Kit:"),
    ("unknown key", "      reprompt: welcome_reprompt", "      repromt: welcome_reprompt"),
    (
      "soft descriptor", "  soft_descriptor: No Nicks", "  soft_descriptor: No Nicks Razors Limited"
    ),
    (
      "transition", "    AMAZON.StopIntent: goodbye",
      "    AMAZON.StopIntent: { set: { quantity: 2 } }"
    ),
    ("locale", "  locales: [en-US]", "  locales: [en_US]"),
    ("missing section", "flow:\n  start: welcome", "flows:\n  start: welcome"),
    ("price", "    price: \"9.00\"", "    price: \"9,00\""),
    ("shipping", "    shipping: true", "    shipping: yes"),
  ]

  @Test func schemaIsStableSortedDraft202012JSON() throws {
    let text = FlowSchema.jsonSchema()
    #expect(text == FlowSchema.jsonSchema())
    #expect(text.hasSuffix("}\n"))
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    let properties = try #require(object["properties"] as? [String: Any])
    #expect(
      Set(properties.keys) == [
        "flowc", "skill", "merchant", "products", "intents", "prompts", "flow",
      ])
    #expect(object["required"] as? [String] == ["flowc", "skill", "prompts", "flow"])
    // Sorted keys: the top-level keys appear in sorted order.
    let topLevelKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }
      .map { $0.split(separator: "\"")[1] }
    #expect(topLevelKeys == topLevelKeys.sorted())
  }

  @Test func everyPropertyHasADescriptionForEditors() throws {
    let schema = try #require(
      try JSONSerialization.jsonObject(with: Data(FlowSchema.jsonSchema().utf8))
        as? [String: Any])
    let definitions = try #require(schema["$defs"] as? [String: [String: Any]])
    func isDescribed(_ property: [String: Any]) -> Bool {
      if property["description"] is String { return true }
      guard let reference = property["$ref"] as? String else { return false }
      let name = String(reference.dropFirst("#/$defs/".count))
      return definitions[name]?["description"] is String
    }
    // Walk every object of the schema; check each entry of each `properties` map.
    var pending: [Any] = [schema]
    var checked = 0
    while let value = pending.popLast() {
      if let array = value as? [Any] {
        pending += array
      } else if let object = value as? [String: Any] {
        if let properties = object["properties"] as? [String: [String: Any]] {
          for (name, property) in properties {
            #expect(isDescribed(property), "property '\(name)' has no description")
            checked += 1
          }
        }
        pending += Array(object.values)
      }
    }
    #expect(checked > 50)
  }

  @Test(.enabled(if: Tooling.jsonSchema, "needs Python with PyYAML and jsonschema"))
  func projectFlowsAndFixturesAreValid() throws {
    var paths = try Self.yamlFiles(in: Self.packageRoot.appendingPathComponent("examples"))
    let fixtures = try Self.yamlFiles(in: Self.fixtures)
    #expect(fixtures.count >= 2)
    paths += fixtures
    for path in paths {
      // The flows used here must also load cleanly with flowc's own loader.
      let load = YAMLLoader.load(try SourceFile(contentsOf: path))
      #expect(load.diagnostics.isEmpty, "\(path): \(load.diagnostics)")
    }
    let verdicts = try Self.validate(paths)
    for path in paths {
      #expect(verdicts[path] == "VALID", "\(path): \(verdicts[path] ?? "no verdict")")
    }
  }

  @Test(.enabled(if: Tooling.jsonSchema, "needs Python with PyYAML and jsonschema"))
  func brokenDocumentsAreRejected() throws {
    let original = try String(
      contentsOf: Self.fixtures.appendingPathComponent("no-nicks.yaml"), encoding: .utf8)
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var paths: [String: String] = [:]
    for broken in Self.brokenDocuments {
      let text = original.replacingOccurrences(of: broken.original, with: broken.replacement)
      #expect(text != original, "mutation '\(broken.name)' did not apply")
      let path = directory.appendingPathComponent(
        broken.name.replacingOccurrences(of: " ", with: "-") + ".yaml"
      ).path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      paths[broken.name] = path
    }
    let verdicts = try Self.validate(Array(paths.values))
    for (name, path) in paths {
      #expect(verdicts[path]?.hasPrefix("INVALID") == true, "'\(name)' was accepted")
    }
  }

  // MARK: - Helpers

  /// The `.yaml` files of a directory, sorted; none when the directory does not exist.
  static func yamlFiles(in directory: URL) throws -> [String] {
    guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
    return try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
      .sorted()
      .map { directory.appendingPathComponent($0).path }
  }

  static func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("flowc-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// Runs the validator script over the files: path → `VALID` or `INVALID\twhy`.
  static func validate(_ paths: [String]) throws -> [String: String] {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let schemaPath = directory.appendingPathComponent("flow.schema.json").path
    try FlowSchema.jsonSchema().write(toFile: schemaPath, atomically: true, encoding: .utf8)
    let run = try Tooling.runPython(script: validatorScript, arguments: [schemaPath] + paths)
    try #require(
      run.status == 0,
      "python failed (needs PyYAML and jsonschema: pip install pyyaml jsonschema): \(run.stderr)")
    var verdicts: [String: String] = [:]
    for line in run.stdout.split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 1)
      guard parts.count == 2 else { continue }
      let rest = parts[1].split(separator: "\t", maxSplits: 1)
      let path = String(rest[0])
      verdicts[path] = rest.count == 2 ? "\(parts[0])\t\(rest[1])" : String(parts[0])
    }
    return verdicts
  }
}
