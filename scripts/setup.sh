#!/usr/bin/env bash
# Installs what building flowc needs beyond the Swift toolchain: libyaml's headers
# (Debian's libyaml-dev, pkg-config name yaml-0.1). Safe to run again: it does nothing when
# libyaml is already there.
set -euo pipefail

if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists yaml-0.1; then
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "setup.sh: libyaml-dev is missing and this is not root (and there is no sudo)." >&2
    echo "setup.sh: install libyaml-dev and pkg-config, then run this again." >&2
    exit 1
  fi
  echo "setup.sh: installing libyaml-dev and pkg-config with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq libyaml-dev pkg-config >/dev/null
fi

pkg-config --exists yaml-0.1
echo "setup.sh: libyaml $(pkg-config --modversion yaml-0.1) is installed" >&2
