#!/usr/bin/env bash
# `npm run fuzz -- SECONDS`: runs every libFuzzer target for SECONDS each (default 60) on a copy
# of its seed corpus, then the share verifier's property fuzz with a fresh seed. A crash leaves
# its input in test-output/fuzz/<target>/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bash scripts/build.sh fuzz
status=0
for target in build-fuzz/tests/fuzz/*_fuzz; do
  name=$(basename "$target" _fuzz)
  work=test-output/fuzz/$name
  mkdir -p "$work/corpus"
  echo "== $name: ${seconds}s"
  if ! "$target" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$work/" \
      "$work/corpus" "tests/fuzz/corpus/$name" 2>"$work/log.txt"; then
    echo "FINDING in $name: see $work/" >&2
    tail -30 "$work/log.txt" >&2
    status=1
  else
    grep -E 'stat::number_of_executed_units' "$work/log.txt" || true
  fi
done
# The verifiers' property-based fuzz (tests/js/share_fuzz.test.mjs for packets,
# tests/js/company_fuzz.test.mjs for presentations): a fixed seed runs in `npm test`; here a fresh
# seed, about 40 runs per second per property, printed for reproduction.
bash scripts/build.sh wasm dist
mkdir -p test-output/fuzz
fuzz_seed=${SELFCRM_FUZZ_SEED:-$RANDOM$RANDOM}
for verifier in share company; do
  echo "== $verifier verifier: ${seconds}s per property, seed $fuzz_seed"
  if ! SELFCRM_FUZZ_SEED=$fuzz_seed SELFCRM_FUZZ_RUNS=$((seconds * 40)) node --test "tests/js/${verifier}_fuzz.test.mjs" \
      >"test-output/fuzz/${verifier}_verifier.log" 2>&1; then
    echo "FINDING in the $verifier verifier (seed $fuzz_seed): see test-output/fuzz/${verifier}_verifier.log" >&2
    grep -E 'Counterexample|not ok|Error' "test-output/fuzz/${verifier}_verifier.log" | head -20 >&2
    status=1
  fi
done
exit $status
