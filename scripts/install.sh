#!/usr/bin/env bash
# Builds flowc in release mode and installs the binary as PREFIX/bin/flowc.
#
#   scripts/install.sh [PREFIX]
#
# PREFIX defaults to /usr/local as root and to $HOME/.local otherwise. libyaml's headers and
# mimalloc are installed first when missing (scripts/setup.sh). Safe to run again: it rebuilds what changed
# and replaces the installed binary.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "$#" -gt 1 ] || [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  echo "usage: scripts/install.sh [PREFIX]   (default: /usr/local as root, else \$HOME/.local)" >&2
  exit 64
fi
if [ "$#" -eq 1 ]; then
  prefix="$1"
elif [ "$(id -u)" -eq 0 ]; then
  prefix=/usr/local
else
  prefix="$HOME/.local"
fi

cd "$repo_root"
bash scripts/setup.sh
# Linked as it ships (on Linux: the Swift runtime inside, a small dynamic symbol table).
built="$(bash scripts/build-release.sh)"
bin_dir="$(dirname "$built")"

mkdir -p "$prefix/bin"
# Copy then rename, so that a flowc running from the old file is never overwritten in place.
cp "$bin_dir/flowc" "$prefix/bin/.flowc.new"
mv -f "$prefix/bin/.flowc.new" "$prefix/bin/flowc"
echo "install.sh: installed $prefix/bin/flowc ($("$prefix/bin/flowc" --version))" >&2

case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "install.sh: $prefix/bin is not on PATH; add it: export PATH=\"$prefix/bin:\$PATH\"" >&2 ;;
esac
