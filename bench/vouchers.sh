#!/usr/bin/env bash
# Builds the host and the training vouchers benchmark in Release, then runs it.
#
#   bash bench/vouchers.sh                                   # SQLite, 1,000,000 vouchers
#   bash bench/vouchers.sh --vouchers 100000                 # a quick run
#   bash bench/vouchers.sh --provider postgres --pg 'Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=postgres'
#   bash bench/vouchers.sh --help                            # every option
#
# The report goes to stdout and bench/results/vouchers-<provider>.md (git-ignored); progress to stderr.
# BENCH_SKIP_BUILD=1 skips the build (use what is already in bin/Release).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  for project in src/Host/Platform.Host.csproj bench/Platform.Bench.Vouchers/Platform.Bench.Vouchers.csproj; do
    echo "=== dotnet build $project -c Release" >&2
    dotnet build "$project" -c Release -nologo -v:q >&2
  done
fi

# exec: the harness gets Ctrl+C and SIGTERM itself, stops the host and removes its data.
exec dotnet bench/Platform.Bench.Vouchers/bin/Release/net10.0/Platform.Bench.Vouchers.dll "$@"
