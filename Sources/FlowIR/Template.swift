/// A prompt compiled into literal text and variable placeholders.
///
/// The runtime renders it by concatenating the segments, each variable rendered for the
/// listener's locale (money as `$9.00`, `9,00 €`, …). When ``ssml`` is true the text already
/// holds `<speak>` markup and rendered variable values are XML-escaped.
public struct Template: Codable, Sendable, Equatable {
  /// Whether the text is SSML (it starts with `<speak>`).
  public var ssml: Bool
  /// The pieces in order.
  public var segments: [TemplateSegment]

  /// Creates a template.
  public init(ssml: Bool, segments: [TemplateSegment]) {
    self.ssml = ssml
    self.segments = segments
  }

  /// The variable paths the template reads, in order of appearance.
  public var variablePaths: [String] {
    segments.compactMap {
      if case .variable(let path) = $0 { return path }
      return nil
    }
  }
}

/// One piece of a ``Template``: literal text (`{{` already turned into `{`) or a variable path
/// such as `order.total` or `catalog.starter_kit.price`.
///
/// Encoded as `{"text": "…"}` or `{"var": "path"}`.
public enum TemplateSegment: Codable, Sendable, Equatable {
  /// Literal text, spoken as it is.
  case text(String)
  /// A variable path, rendered at run time.
  case variable(String)

  enum CodingKeys: String, CodingKey {
    case text
    case variable = "var"
  }

  /// Decodes the value from its JSON form.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let text = try container.decodeIfPresent(String.self, forKey: .text) {
      self = .text(text)
    } else {
      self = .variable(try container.decode(String.self, forKey: .variable))
    }
  }

  /// Encodes the value in its JSON form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .text(let text): try container.encode(text, forKey: .text)
    case .variable(let path): try container.encode(path, forKey: .variable)
    }
  }
}
