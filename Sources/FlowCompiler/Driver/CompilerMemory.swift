/// Whether the compiler frees what it built when it is done with it, or leaves it to the
/// process's exit.
///
/// The syntax tree and the checks' tables of a large flow are millions of small allocations;
/// freeing them one by one took about 4 % of `flowc check` on a 4 MB flow. A command that
/// exits as soon as it has printed its report gains nothing from that work: the operating
/// system takes the whole address space back at once. So, like clang's `-disable-free`, the
/// `flowc check` and `compile` commands run the compiler with ``keptUntilExit`` set, and the
/// pipeline then keeps its intermediate products (never the results it returns) alive until
/// the process ends. A long-lived caller (a test suite, `flowc serve`, an editor) leaves it
/// unset, and every compilation frees everything it allocated.
public enum CompilerMemory {
  /// Set by a process that exits right after compiling; off by default. What is kept is at
  /// most what one file's compilation held at its peak:
  /// ``FlowDriver/check(paths:options:warningsAsErrors:)`` keeps only the last file's.
  @TaskLocal public static var keptUntilExit = false

  /// Ends the compiler's use of `value`: frees it now, or, under ``keptUntilExit``, never.
  static func release<Value>(_ value: consuming Value) {
    guard keptUntilExit else { return }
    // A strong reference nothing will release: the value's storage stays allocated.
    _ = Unmanaged.passRetained(Abandoned(value))
  }

  /// The box that keeps an abandoned value alive.
  private final class Abandoned<Value> {
    let value: Value
    init(_ value: consuming Value) { self.value = value }
  }
}
