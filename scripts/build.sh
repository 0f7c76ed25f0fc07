#!/usr/bin/env bash
# Builds what `npm test` and `npm start` need; incremental, so reruns are quick.
#   build.sh            native, wasm, the npm package (dist/), sanitizer and fuzz builds
#   build.sh PART...    only those parts: native wasm dist asan fuzz
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=${SELFCRM_JOBS:-$(nproc)}
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(native wasm dist asan fuzz)

configure() { # configure DIR [cmake args...] — once; later builds reuse the cache
  local dir=$1; shift
  [ -f "$dir/CMakeCache.txt" ] || "$@" >/dev/null
}

for part in "${parts[@]}"; do
  case $part in
    native)
      configure build-native cmake -S . -B build-native -DCMAKE_BUILD_TYPE=Release
      cmake --build build-native -j"$jobs" ;;
    wasm)
      configure build-wasm emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release \
        "-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node;--no-experimental-fetch"
      cmake --build build-wasm -j"$jobs" ;;
    dist)
      rm -rf dist
      npx --no-install tsc -p web/tsconfig.json
      node scripts/bundle-dist.mjs
      cp build-wasm/wasm/selfcrm.mjs build-wasm/wasm/selfcrm.wasm web/src/selfcrm.d.mts dist/
      cp build-wasm/wasm/selfcrm-company.mjs build-wasm/wasm/selfcrm-company.wasm web/src/selfcrm-company.d.mts dist/
      chmod +x dist/cli/main.js
      # The vault's JSON Schema ships with the package.
      mkdir -p dist/schema && cp web/schema/vault.schema.json dist/schema/
      # The vault app: static files next to the package's modules (it imports ../index.js).
      mkdir -p dist/app && cp web/src/app/*.html web/src/app/*.js web/src/app/*.css web/src/app/*.webmanifest web/src/app/*.svg dist/app/
      # The importers' parsers for the app's import map (pages without a bundler; see index.html).
      mkdir -p dist/vendor && cp node_modules/ical.js/dist/ical.js dist/vendor/ical.js
      cp node_modules/fflate/esm/browser.js dist/vendor/fflate.js
      node -e 'const p=require("./package.json");process.stdout.write(JSON.stringify({name:p.name,version:p.version})+"\n")' > dist/app/build-info.json ;;
    asan)
      configure build-asan cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSELFCRM_SANITIZE=ON
      cmake --build build-asan -j"$jobs" --target selfcrm_tests ;;
    fuzz)
      configure build-fuzz cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER=clang++-14 -DSELFCRM_BUILD_FUZZ=ON -DSELFCRM_BUILD_TESTS=OFF
      cmake --build build-fuzz -j"$jobs" ;;
    *) echo "build.sh: unknown part '$part' (native wasm dist asan fuzz)" >&2; exit 2 ;;
  esac
done
