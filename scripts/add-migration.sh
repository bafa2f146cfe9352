#!/usr/bin/env bash
# Adds a migration for one module on all three providers.
# Usage: scripts/add-migration.sh <Module> <MigrationName>     e.g. scripts/add-migration.sh Platform AddRegionIndex
set -euo pipefail
module=${1:?module name, e.g. Platform}
name=${2:?migration name, e.g. Initial}
root=$(cd "$(dirname "$0")/.." && pwd)
project="$root/src/Modules/$module/Platform.Modules.$module"
cd "$root"
dotnet tool restore >/dev/null
dotnet build src/Host -v q -nologo >/dev/null
for provider in Sqlite PostgreSql SqlServer; do
  dotnet ef migrations add "$name" \
    --no-build \
    --project "$project" \
    --startup-project src/Host \
    --context "${module}DbContext${provider}" \
    --output-dir "Persistence/Migrations/$provider"
done

# Module types stay internal (the architecture tests check it); EF finds internal migrations too.
grep -rl "^    public partial class " "$project/Persistence/Migrations" | xargs -r sed -i 's/^    public partial class /    internal partial class /'
