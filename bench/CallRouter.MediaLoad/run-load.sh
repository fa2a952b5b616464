#!/bin/bash
# Media load matrix for docs/benchmarks/media.md. Run from a throw-away worktree while holding the
# shared bench lock, e.g.:
#   git worktree add --detach /work/wt-media HEAD && cd /work/wt-media
#   flock /tmp/callrouter-bench.lock bench/CallRouter.MediaLoad/run-load.sh 250,500,1000 [extra MediaLoad options]
# Every run is bounded (warm-up + measured window + drain, about 15 s) and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
calls=${1:-250,500,1000}
shift || true
dotnet build -c Release bench/CallRouter.MediaLoad -v q -nologo >/dev/null
exe=bench/CallRouter.MediaLoad/bin/Release/net10.0/CallRouter.MediaLoad
echo "# commit $(git rev-parse --short HEAD), $(date -u +%FT%TZ), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
IFS=',' read -ra counts <<< "$calls"
for n in "${counts[@]}"; do
  for sockets in async epoll; do
    echo "# load average $(cut -d' ' -f1-3 /proc/loadavg)"
    if [ "$sockets" = async ]; then modes=direct,bridged; else modes=bridged; fi
    "$exe" --calls "$n" --modes "$modes" --sockets "$sockets" "$@"
  done
done
