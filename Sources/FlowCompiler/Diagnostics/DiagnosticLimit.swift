import Foundation

/// Keeps the diagnostics of one file bounded while the stages collect them, so that a file
/// with a million problems does not hold a million diagnostics in memory before
/// ``FileDiagnostics`` keeps the first ``FileDiagnostics/defaultLimit``.
///
/// Only the first `limit` diagnostics by position are shown, plus the position of the first
/// one left out. Those are always among the first `limit + 1` of any part of the file's
/// diagnostics, so a stage may sort what it collected, keep its first `limit + 1` and drop
/// the rest, counting the errors and warnings it dropped: the rendering is the same as if
/// every diagnostic had been kept. ``FlowDriver`` installs one per file (see
/// ``DiagnosticLimit/current``); without one, nothing is dropped.
final class DiagnosticLimit: @unchecked Sendable {
  private let lock = NSLock()
  /// How many diagnostics the file shows.
  let limit: Int
  private var errors = 0
  private var warnings = 0
  private var total = 0

  /// The limit of the file being compiled, or `nil` to keep every diagnostic.
  @TaskLocal static var current: DiagnosticLimit?

  /// Creates the limit of one file.
  init(limit: Int) {
    self.limit = max(0, limit)
  }

  /// The errors dropped so far.
  var droppedErrors: Int { lock.withLock { errors } }
  /// The warnings dropped so far.
  var droppedWarnings: Int { lock.withLock { warnings } }
  /// How many diagnostics were dropped so far.
  var dropped: Int { lock.withLock { total } }

  /// Drops all but the first `limit + 1` diagnostics by position once `diagnostics` holds
  /// twice that many (so that sorting costs O(log limit) per diagnostic), counting what it
  /// dropped. `diagnostics` must hold only diagnostics that end up in the file's report.
  func compact(_ diagnostics: inout [Diagnostic]) {
    let keep = limit + 1
    guard diagnostics.count >= 2 * keep else { return }
    let sorted = diagnostics.sortedByPosition()
    let left = sorted[keep...]
    let leftErrors = left.count { $0.severity == .error }
    let leftWarnings = left.count { $0.severity == .warning }
    lock.withLock {
      errors += leftErrors
      warnings += leftWarnings
      total += left.count
    }
    diagnostics = Array(sorted.prefix(keep))
  }
}

extension Array where Element == Diagnostic {
  /// How many diagnostics were reported into this list, those that the file's
  /// ``DiagnosticLimit`` dropped included: a count that only grows, for "did this part report
  /// anything" checks.
  var reportedCount: Int { count + (DiagnosticLimit.current?.dropped ?? 0) }

  /// Appends a diagnostic and keeps the list within the file's ``DiagnosticLimit``.
  mutating func appendBounded(_ diagnostic: Diagnostic) {
    append(diagnostic)
    DiagnosticLimit.current?.compact(&self)
  }
}
