public import FlowIR
public import Foundation

extension RequestEnvelope {
  /// Decodes a request envelope from JSON, as ``FlowEngine/answer(requestJSON:)`` does: for a
  /// caller that needs the envelope before the turn (a server that counts requests by type).
  ///
  /// - Parameter json: The request body.
  /// - Throws: ``FlowEngineError/malformedRequest(_:)`` with one line that names what is wrong
  ///   (never the input itself).
  public init(json: Data) throws(FlowEngineError) {
    do {
      self = try CanonicalJSON.decode(RequestEnvelope.self, from: json)
    } catch {
      throw FlowEngineError.malformed(error, data: json)
    }
  }
}
