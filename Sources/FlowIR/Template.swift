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

  /// In the byte order of the names (see ``FlowProgram``'s coding keys).
  enum CodingKeys: String, CodingKey {
    case segments, ssml
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
public enum TemplateSegment: TaggedCodable, Sendable, Equatable {
  /// Literal text, spoken as it is.
  case text(String)
  /// A variable path, rendered at run time.
  case variable(String)

  package enum Tag: String, CodingKey, CaseIterable {
    case text
    case variable = "var"
  }

  package var tagged: (tag: Tag, value: any Encodable) {
    switch self {
    case .text(let text): (.text, text)
    case .variable(let path): (.variable, path)
    }
  }

  package init(tag: Tag, value: TaggedValue<Tag>) throws {
    switch tag {
    case .text: self = .text(try value.decode())
    case .variable: self = .variable(try value.decode())
    }
  }
}
