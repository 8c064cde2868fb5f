#!/usr/bin/env bash
# Runs BenchmarkDotNet suites and files their markdown reports under benchmarks/results/<processor>/,
# then refreshes the tables in docs/performance.md from those files (they are never typed by hand).
#   benchmarks/run.sh '*DotBench*' '*SgdStepBench*'     # any BenchmarkDotNet filters
# Extra BenchmarkDotNet arguments go in BENCH_ARGS (default: --job short).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$#" -gt 0 ] || { echo "usage: benchmarks/run.sh FILTER..." >&2; exit 2; }

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1 | tr -c 'A-Za-z0-9\n' '-' | tr -s '-' | sed 's/^-//; s/-$//')
out="benchmarks/results/${BENCH_RESULTS:-${cpu:-unknown-cpu}}"
mkdir -p "$out"

for filter in "$@"; do
  # shellcheck disable=SC2086
  dotnet run -c Release --project benchmarks/MatrixFactorization.Benchmarks -- --filter "$filter" ${BENCH_ARGS:---job short}
done

cp BenchmarkDotNet.Artifacts/results/*-report-github.md "$out"/
python3 benchmarks/doc_tables.py "$out"
