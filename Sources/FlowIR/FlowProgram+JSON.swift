public import Foundation

/// Why an IR document could not be read.
public enum FlowProgramDecodingError: Error, Equatable, CustomStringConvertible {
  /// The document is not JSON or lacks `ir_version`.
  case notAnIRDocument(String)
  /// The document has an IR version this build does not know.
  case unsupportedVersion(Int)
  /// The document has the right version but a malformed field.
  case malformed(String)

  /// A one-line text for messages and logs.
  public var description: String {
    switch self {
    case .notAnIRDocument(let detail): "not a flowc IR document: \(detail)"
    case .unsupportedVersion(let version):
      "IR version \(version) is not supported by this flowc (it reads version "
        + "\(FlowProgram.currentIRVersion)); recompile the flow with this flowc"
    case .malformed(let detail): "malformed IR: \(detail)"
    }
  }
}

extension FlowProgram {
  /// The canonical JSON encoding: sorted keys, two-space pretty printing, unescaped slashes,
  /// and a final newline. The same program always gives the same bytes.
  public func encodedJSON() throws -> Data {
    try CanonicalJSON.pretty(self)
  }

  /// Reads an IR document, refusing unknown IR versions with a clear error.
  ///
  /// The document is parsed once when it is a program of this version; only a document that
  /// does not decode is read again, for its `ir_version`, so that the error says why.
  public static func decode(fromJSON data: Data) throws -> FlowProgram {
    struct VersionProbe: Decodable {
      var irVersion: Int
      enum CodingKeys: String, CodingKey { case irVersion = "ir_version" }
    }
    let decodingError: any Error
    do {
      let program = try JSONDecoder().decode(FlowProgram.self, from: data)
      guard program.irVersion == currentIRVersion else {
        throw FlowProgramDecodingError.unsupportedVersion(program.irVersion)
      }
      return program
    } catch let error as FlowProgramDecodingError {
      throw error
    } catch {
      decodingError = error
    }
    let probe: VersionProbe
    do {
      probe = try JSONDecoder().decode(VersionProbe.self, from: data)
    } catch {
      throw FlowProgramDecodingError.notAnIRDocument("no 'ir_version' field")
    }
    guard probe.irVersion == currentIRVersion else {
      throw FlowProgramDecodingError.unsupportedVersion(probe.irVersion)
    }
    throw FlowProgramDecodingError.malformed(String(describing: decodingError))
  }
}
