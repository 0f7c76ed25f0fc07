#!/usr/bin/env bash
# Builds everything `npm test` and `npm start` need: the native build (tests, golden tool), the
# wasm build (module, tests), and the npm package in dist/. Incremental: reruns are quick.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=${SELFCRM_JOBS:-$(nproc)}

if [ ! -f build-native/CMakeCache.txt ]; then
  cmake -S . -B build-native -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build build-native -j"$jobs"

if [ ! -f build-wasm/CMakeCache.txt ]; then
  emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release \
    "-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node;--no-experimental-fetch" >/dev/null
fi
cmake --build build-wasm -j"$jobs"

rm -rf dist
npx --no-install tsc -p web/tsconfig.json
cp build-wasm/wasm/selfcrm.mjs build-wasm/wasm/selfcrm.wasm web/src/selfcrm.d.mts dist/
chmod +x dist/cli/main.js
# The vault's JSON Schema ships with the package.
mkdir -p dist/schema && cp web/schema/vault.schema.json dist/schema/
