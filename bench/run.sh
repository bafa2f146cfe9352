#!/usr/bin/env bash
# Builds the host and the benchmark projects in Release, then runs the benchmark harness.
#
#   bash bench/run.sh [harness options]        e.g. bash bench/run.sh --iterations 3 --duration 5
#
# Options can also come from the environment: BENCH_ITERATIONS, BENCH_WARMUP, BENCH_DURATION,
# BENCH_CONCURRENCY, BENCH_IDLE, BENCH_LOAD (builtin | wrk), BENCH_READY_TIMEOUT, BENCH_HOST_ENV.
# Arguments win over the environment. `bash bench/run.sh --help` lists them all.
# BENCH_SKIP_BUILD=1 skips the build (use what is already in bin/Release).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  for project in src/Host/Platform.Host.csproj bench/Platform.Bench.Bare/Platform.Bench.Bare.csproj bench/Platform.Bench/Platform.Bench.csproj; do
    echo "=== dotnet build $project -c Release" >&2
    dotnet build "$project" -c Release -nologo -v:q >&2
  done
fi

# exec: the harness gets Ctrl+C and SIGTERM itself and stops the apps it started.
exec dotnet bench/Platform.Bench/bin/Release/net10.0/Platform.Bench.dll "$@"
