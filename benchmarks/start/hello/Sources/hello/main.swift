import Foundation

// What `flowc --version` does, less flowc: Foundation and the Swift runtime started, one line
// written.
print("hello \(ProcessInfo.processInfo.arguments.count)")
