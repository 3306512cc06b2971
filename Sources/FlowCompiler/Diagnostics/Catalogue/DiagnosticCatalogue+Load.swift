extension DiagnosticCatalogue {
  /// Descriptors of the load stage (YAML syntax, encoding, limits, duplicate keys).
  static let loadDescriptors: [DiagnosticDescriptor] = []
}
