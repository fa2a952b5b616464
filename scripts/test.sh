#!/usr/bin/env bash
# The one command that runs every test: installs the real peers, restores and builds
# the solution, runs each test project in turn and prints a closing
# "N passed, N failed" line. Exits non-zero when anything fails or nothing ran.
set -uo pipefail
cd "$(dirname "$0")/.."

./scripts/install-peers.sh || { echo "could not install test peers"; exit 1; }

results=artifacts/test-results
rm -rf "$results" && mkdir -p "$results"

dotnet build CallRouter.sln -c Debug -nologo -v:q || { echo "0 passed, 1 failed (build)"; exit 1; }

status=0
for project in $(find tests -name '*.csproj' | sort); do
  name=$(basename "$project" .csproj)
  echo "=== $name"
  dotnet test "$project" -c Debug --no-build -nologo \
    --blame-hang-timeout 10m \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

passed=0; failed=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); total=$((total + ${t:-0}))
done

[ "$total" -eq 0 ] && { echo "no tests ran"; status=1; }
[ "$failed" -ne 0 ] && status=1
echo "$passed passed, $failed failed"
exit $status
