#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine and does nothing when all is present:
# Debian packages (as root) for the toolchain and the test browser, then the npm dev dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
need() { # need PACKAGE PATH-THAT-PROVES-IT
  [ -e "$2" ] || missing+=("$1")
}
need emscripten /usr/bin/em++
need nlohmann-json3-dev /usr/include/nlohmann/json.hpp
need catch2 /usr/include/catch2/catch.hpp
need cmake /usr/bin/cmake
need g++ /usr/bin/g++
need chromium /usr/bin/chromium
need clang-14 /usr/bin/clang++-14
need libclang-rt-14-dev /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
need parallel /usr/bin/parallel                      # cluster: GNU parallel --pipepart
need python3-dask /usr/lib/python3/dist-packages/dask/__init__.py
need python3-distributed /usr/lib/python3/dist-packages/distributed/__init__.py

if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "bootstrap: run as root (or install these Debian packages): ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: npm ci" >&2
  npm ci --no-audit --no-fund >/dev/null
fi
