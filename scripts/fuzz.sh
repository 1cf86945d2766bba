#!/usr/bin/env bash
# Usage: scripts/fuzz.sh FUZZER SECONDS
# Runs a libFuzzer target for a bounded time on a corpus kept beside it, seeded from
# core/http/fuzz_seeds. A crash leaves its input in the build folder and fails the run.
set -euo pipefail
fuzzer=$1
seconds=$2
dir=$(dirname "$fuzzer")
corpus="$dir/corpus"
mkdir -p "$corpus" "$dir/artifacts"
cp -n core/http/fuzz_seeds/* "$corpus/" 2>/dev/null || true
ASAN_OPTIONS=detect_leaks=1 "$fuzzer" "$corpus" -max_total_time="$seconds" -max_len=8192 -timeout=5 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$dir/artifacts/" 2>&1 | tail -n 15
