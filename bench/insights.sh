#!/usr/bin/env bash
# Builds the host and the insights benchmark in Release, then runs it.
#
#   bash bench/insights.sh                                          # SQLite, 10,000,000 counted events; catch-up of 1,000,000 outbox events, ConsumerBatchSize 10000 and 20000
#   bash bench/insights.sh --events 200000 --outbox 50000           # a quick run
#   bash bench/insights.sh --events 0 --consumer-batch 1000         # the catch-up alone, one batch size
#   bash bench/insights.sh --provider postgres --pg 'Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=postgres'
#   bash bench/insights.sh --help                                   # every option
#
# The report goes to stdout and bench/results/insights-<provider>.md (git-ignored); progress to stderr.
# BENCH_SKIP_BUILD=1 skips the build (use what is already in bin/Release).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  for project in src/Host/Platform.Host.csproj bench/Platform.Bench.Insights/Platform.Bench.Insights.csproj; do
    echo "=== dotnet build $project -c Release" >&2
    dotnet build "$project" -c Release -nologo -v:q >&2
  done
fi

# exec: the harness gets Ctrl+C and SIGTERM itself, stops the host and removes its data.
exec dotnet bench/Platform.Bench.Insights/bin/Release/net10.0/Platform.Bench.Insights.dll "$@"
