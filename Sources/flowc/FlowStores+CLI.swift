import ArgumentParser
import FlowRuntime
import FlowStoreSQL

extension FlowStores {
  /// The store URLs `--store` takes, for the options' help (docs/stores.md).
  static let urlForms = "memory:, sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE"

  /// Opens the store of `--store URL` for `run --lines` and `serve`, saying why it cannot be
  /// opened.
  ///
  /// - Parameter url: The store URL as given.
  /// - Returns: The open store.
  /// - Throws: `ExitCode.failure` after printing `flowc: error: …`.
  static func openForCommand(_ url: String) async throws -> any FlowStore {
    do {
      return try await open(StoreLocation(url: url))
    } catch {
      CommandOutput.error(String(describing: error))
      throw ExitCode.failure
    }
  }
}
