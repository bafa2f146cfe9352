#!/usr/bin/env bash
# Builds the host and the return-home entrepreneurship benchmark in Release, then runs it.
#
#   bash bench/entrepreneurship.sh                                                    # SQLite, 200,000 businesses, 500,000 loans, 100,000 of one bank
#   bash bench/entrepreneurship.sh --businesses 5000 --loans 12000 --bank-loans 3000  # a quick run
#   bash bench/entrepreneurship.sh --provider postgres --pg 'Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=postgres'
#   bash bench/entrepreneurship.sh --help                                             # every option
#
# The report goes to stdout and bench/results/entrepreneurship-<provider>.md (git-ignored); progress to stderr.
# BENCH_SKIP_BUILD=1 skips the build (use what is already in bin/Release).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  for project in src/Host/Platform.Host.csproj bench/Platform.Bench.Entrepreneurship/Platform.Bench.Entrepreneurship.csproj; do
    echo "=== dotnet build $project -c Release" >&2
    dotnet build "$project" -c Release -nologo -v:q >&2
  done
fi

# exec: the harness gets Ctrl+C and SIGTERM itself, stops the host and removes its data.
exec dotnet bench/Platform.Bench.Entrepreneurship/bin/Release/net10.0/Platform.Bench.Entrepreneurship.dll "$@"
