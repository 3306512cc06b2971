#!/usr/bin/env bash
# Builds flowc in release mode, linked the way it ships, and prints the binary's path on
# standard output (the build's own output goes to standard error).
#
#   scripts/build-release.sh                    flowc
#   scripts/build-release.sh DIRECTORY PRODUCT  another package's product, linked the same way
#                                               (the process-start benchmark's floor)
#
# On Linux:
#   --static-swift-stdlib         the Swift runtime and Foundation linked in: flowc starts in
#                                 about half the CPU time (no ~20 shared libraries to load and
#                                 relocate) and runs without the toolchain's libraries;
#   -Xlinker --no-export-dynamic  the dynamic symbol table keeps ~550 symbols instead of
#                                 ~60,000: the Swift runtime calls dladdr at start-up, which
#                                 scans that table (about 1 ms of every start);
#   -Xlinker -no-pie              a position-dependent executable: its ~110,000 relative
#                                 relocations are resolved when it is linked, not at every
#                                 start, where they copied ~1,400 pages (1.4-2.5 ms of CPU
#                                 and about 5 MB of memory per start). The executable's own
#                                 code then loads at a fixed address (shared libraries are
#                                 still placed at random); FLOWC_PIE=1 builds a
#                                 position-independent one.
# Everywhere:
#   -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
#                                 every module, the dependencies' too, reaches the metadata of
#                                 a concrete generic type through its accessor rather than by
#                                 demangling its name at first use, which scans all of the
#                                 binary's conformance records (Package.swift passes it to
#                                 flowc's own modules in any release build). Most of what it
#                                 saves here is argument-parser's at start-up: `flowc --version`
#                                 runs 14.5 M instructions instead of 17.9 M.
# See benchmarks/README.md. scripts/install.sh and every benchmark build flowc through here.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
package="${1:-$root}"
product="${2:-flowc}"
cd "$package"

flags=(-c release
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors)
if [[ "$(uname -s)" == Linux ]]; then
  flags+=(--static-swift-stdlib -Xlinker --no-export-dynamic)
  [[ "${FLOWC_PIE:-0}" == 1 ]] || flags+=(-Xlinker -no-pie)
fi
swift build "${flags[@]}" --product "$product" >&2
echo "$(swift build "${flags[@]}" --show-bin-path)/$product"
