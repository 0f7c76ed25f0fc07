#!/usr/bin/env bash
# `npm run fuzz -- SECONDS`: runs every libFuzzer target for SECONDS each (default 60) on a copy
# of its seed corpus. A crash leaves its input in test-output/fuzz/<target>/ and fails the run.
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
exit $status
