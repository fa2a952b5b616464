#!/usr/bin/env bash
# Runs callrouter-cli (built by scripts/run.sh, or built here on first use).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dll="$root/src/CallRouter.Cli/bin/Release/net10.0/callrouter-cli.dll"
[ -f "$dll" ] || dotnet build "$root/src/CallRouter.Cli/CallRouter.Cli.csproj" -c Release -nologo -v:q >&2
exec dotnet "$dll" "$@"
