import FlowTestSupport
import Foundation
import Testing

#if os(Linux)
  /// On Linux the executable allocates with mimalloc (Package.swift links it before libc). The
  /// dynamic loader is the witness: with `LD_DEBUG=bindings` it reports which library each of
  /// the executable's symbols was bound to.
  @Suite struct CLIAllocatorTests {
    @Test func theExecutablesMallocIsMimalloc() throws {
      let run = try FlowcProcess.run(["--version"], environment: ["LD_DEBUG": "bindings"])
      #expect(run.status == 0, "\(run)")
      let bindings = run.stderr.split(separator: "\n").filter {
        $0.contains("binding file ") && $0.contains(": normal symbol `malloc'")
      }
      // "binding file /…/flowc [0] to /…/libmimalloc.so.2 [0]: normal symbol `malloc'"
      let executableToAllocator = bindings.filter { line in
        guard let from = line.range(of: "binding file "), let to = line.range(of: " to ") else {
          return false
        }
        let file = line[from.upperBound..<to.lowerBound]
        return file.hasSuffix("/flowc [0]") && line[to.upperBound...].contains("libmimalloc.so")
      }
      #expect(!executableToAllocator.isEmpty, "\(bindings)")
      // With glibc's malloc the same line reads "… flowc [0] to /…/libc.so.6 [0]: …".
      #expect(!bindings.contains { $0.contains("/flowc [0] to ") && $0.contains("libc.so") })
    }
  }
#endif
