#!/usr/bin/env bash
# Installs what building flowc needs beyond the Swift toolchain:
#   - libyaml's headers (Debian's libyaml-dev, pkg-config name yaml-0.1);
#   - on Linux, mimalloc (Debian's libmimalloc-dev), the allocator the flowc executable links
#     (Package.swift says why).
# Safe to run again: it installs nothing when both are there.
set -euo pipefail

# Whether the linker finds libmimalloc.so (the -dev package's link; the runtime package has
# only libmimalloc.so.2).
has_mimalloc() {
  local dir
  for dir in "/usr/lib/$(uname -m)-linux-gnu" /usr/lib64 /usr/lib /usr/local/lib; do
    [ -e "$dir/libmimalloc.so" ] && return 0
  done
  return 1
}

packages=()
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists yaml-0.1; then
  packages+=(libyaml-dev pkg-config)
fi
if [ "$(uname -s)" = Linux ] && ! has_mimalloc; then
  packages+=(libmimalloc-dev)
fi

if [ "${#packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "setup.sh: ${packages[*]} missing and this is not root (and there is no sudo)." >&2
    echo "setup.sh: install ${packages[*]}, then run this again." >&2
    exit 1
  fi
  echo "setup.sh: installing ${packages[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
fi

pkg-config --exists yaml-0.1
echo "setup.sh: libyaml $(pkg-config --modversion yaml-0.1) is installed" >&2
if [ "$(uname -s)" = Linux ]; then
  has_mimalloc || { echo "setup.sh: libmimalloc.so is still missing" >&2; exit 1; }
  echo "setup.sh: mimalloc is installed" >&2
fi
