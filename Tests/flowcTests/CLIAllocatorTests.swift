import FlowTestSupport
import Foundation
import Testing

#if os(Linux)
  /// On Linux the executable allocates with mimalloc (Package.swift links it before libc). The
  /// dynamic loader is the witness: with `LD_DEBUG=bindings` it reports which library each of
  /// the executable's symbols was bound to.
  @Suite struct CLIAllocatorTests {
    @Test func theExecutablesMallocIsMimalloc() throws {
      let binary = try #require(FlowcProcess.binary)
      let run = try FlowcProcess.run(["--version"], environment: ["LD_DEBUG": "bindings"])
      #expect(run.status == 0, "\(run)")
      let bindings = run.stderr.split(separator: "\n").filter {
        $0.contains("binding file ") && $0.contains(": normal symbol `malloc'")
      }
      // "binding file /…/flowc [0] to /…/libmimalloc.so.2 [0]: normal symbol `malloc'"; with
      // glibc's malloc the library is /…/libc.so.6.
      let fromExecutable = "binding file \(binary.path) [0] to "
      let targets = bindings.compactMap { line in
        line.range(of: fromExecutable).map { line[$0.upperBound...] }
      }
      #expect(targets.contains { $0.contains("libmimalloc.so") }, "\(bindings)")
      #expect(!targets.contains { $0.contains("libc.so") }, "\(bindings)")
    }
  }
#endif
