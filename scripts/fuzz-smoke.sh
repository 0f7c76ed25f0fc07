#!/usr/bin/env bash
# Part of npm test: every fuzz target replays its seeds and runs 20,000 generated inputs, so the
# targets cannot rot. Long runs are `npm run fuzz -- SECONDS`.
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0 failed=0
for target in build-fuzz/tests/fuzz/*_fuzz; do
  name=$(basename "$target" _fuzz)
  work=test-output/fuzz-smoke/$name
  # New inputs go to the first corpus folder: a scratch copy, never the committed seeds.
  rm -rf "$work" && mkdir -p "$work/corpus"
  if "$target" -runs=20000 -seed=1 -artifact_prefix="$work/" "$work/corpus" "tests/fuzz/corpus/$name" >"$work/log.txt" 2>&1; then
    echo "ok   $name"; passed=$((passed + 1))
  else
    echo "FAIL $name (see $work/log.txt)"; tail -20 "$work/log.txt"; failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
