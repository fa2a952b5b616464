#!/usr/bin/env bash
# Issue 5's whole-system benchmark: the all-in-one server (Release) with the load settings below, then one
# storm against it, then the server stopped by its own PID. Run from the repository root of a worktree of a
# committed HEAD, under the shared bench lock (docs/benchmarks/gateway.md):
#   flock /tmp/callrouter-bench.lock simulators/CallRouter.Simulators.Storm/bench/gateway-benchmark.sh \
#         AGENTS --rate 20 --calls 600 --talk 10 [more callrouter-storm options]
# The first argument is the number of agents the server must know softphone passwords for; the storm creates
# their console accounts through AdminService. Everything stays on loopback; the data folder is temporary.
set -euo pipefail
agents="$1"; shift
root="$(pwd)"
out="${STORM_OUT:-$root/storm-bench-$(date -u +%H%M%S)}"
mkdir -p "$out"
data="$(mktemp -d /tmp/callrouter-storm-data-XXXXXX)"
storm="$root/simulators/CallRouter.Simulators.Storm/bin/Release/net10.0/callrouter-storm"
server_dir="$root/src/CallRouter.Server/bin/Release/net10.0"
grpc=52151; http=58151; sip=55161

# Load settings (documented in docs/benchmarks/gateway.md):
#  - logging at Warning: the default Information level writes several JSON lines per call;
#  - gateway RTP ports 20000-35999 (8,000 sessions; the storm's agents use 40000-49999, SIPp 36000-39999);
#  - SIP limits above the offered load; the agents' softphone passwords (callrouter-storm server-env).
env_args=(
  "DOTNET_ENVIRONMENT=Production"
  "Logging__LogLevel__Default=Warning"
  "Logging__LogLevel__CallRouter.Gateway.GatewayHostedService=Information"
  "CallRouter__Server__GrpcPort=$grpc" "CallRouter__Server__HttpPort=$http" "CallRouter__Server__DataDirectory=$data"
  "CallRouter__Gateway__Sip__ListenAddresses__0=127.0.0.1:$sip" "CallRouter__Gateway__CoreAddress=http://127.0.0.1:$grpc"
  "CallRouter__Gateway__RtpPortStart=20000" "CallRouter__Gateway__RtpPortEnd=35999"
  "CallRouter__Gateway__Sip__MaxConcurrentCalls=20000" "CallRouter__Gateway__Sip__MaxInvitesPerSecondPerSource=5000"
)
while IFS= read -r line; do env_args+=("$line"); done < <("$storm" server-env --agents "$agents")

(cd "$server_dir" && exec env "${env_args[@]}" dotnet callrouter-server.dll) > "$out/server.log" 2>&1 &
server_pid=$!
stop_server() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$data"; }
trap stop_server EXIT
for _ in $(seq 1 120); do
  if grep -q "Gateway started" "$out/server.log"; then break; fi
  sleep 0.5
done
grep -q "Gateway started" "$out/server.log" || { echo "server did not start"; tail -20 "$out/server.log"; exit 3; }

echo "bench: commit $(git rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), server pid $server_pid, storm args: $*" | tee "$out/run.txt"
"$storm" run --grpc "http://127.0.0.1:$grpc" --sip "127.0.0.1:$sip" --agents "$agents" --report "$out/report.json" "$@" \
  | tee "$out/storm.log" &
storm_pid=$!
# Which receiver dropped UDP packets (gateway, SIPp's echo sockets, agents), sampled while the storm runs.
python3 "$root/simulators/CallRouter.Simulators.Storm/bench/udp-drops.py" "$storm_pid" \
  gateway=20000-35999 sipp=36000-39999 agents=40000-49999 > "$out/udp-drops.txt" 2>&1 &
drops_pid=$!
# CPU while the storm runs, every 5 s from /proc/<pid>/stat (utime + stime), in % of one core:
# the server, the storm process (agents' consoles, softphones and RTP) and its SIPp children.
ticks=$(getconf CLK_TCK)
cpu_of() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$(( t + $(awk '{print $14+$15}' "/proc/$p/stat") )); done; echo "$t"; }
sleep 1
storm_main=$(pgrep -f "callrouter-storm run --grpc http://127.0.0.1:$grpc" | head -1 || true)
prev_server=$(cpu_of "$server_pid"); prev_storm=$(cpu_of "$storm_main"); prev_sipp=0
while kill -0 "$storm_pid" 2>/dev/null; do
  sleep 5
  [ -r "/proc/$server_pid/stat" ] || break
  sipps=$(pgrep -P "${storm_main:-0}" sipp | tr '\n' ' ' || true)
  server=$(cpu_of "$server_pid"); stormt=$(cpu_of "$storm_main"); sippt=$(cpu_of $sipps)
  echo "$(date -u +%T) CPU % of one core: server $(( (server - prev_server) * 100 / ticks / 5 )), storm $(( (stormt - prev_storm) * 100 / ticks / 5 )), sipp $(( (sippt - prev_sipp) * 100 / ticks / 5 )); load $(cut -d' ' -f1 /proc/loadavg)" >> "$out/cpu.log"
  prev_server=$server; prev_storm=$stormt; prev_sipp=$sippt
done
wait "$storm_pid" || true
wait "$drops_pid" || true
tee -a "$out/run.txt" < "$out/udp-drops.txt"
# What the gateway itself lost of the callers' audio (its own receive statistics, one log line per call), so
# loss on the caller's side can be told from loss in the gateway or on the agents' side.
python3 - "$out/server.log" <<'PY' | tee -a "$out/run.txt"
import json, sys
received = lost = sent = calls = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if '"EventId":5025' not in line:
        continue
    state = json.loads(line).get("State", {})
    calls += 1; received += int(state.get("Received", 0)); lost += int(state.get("Lost", 0)); sent += int(state.get("Sent", 0))
share = 100.0 * lost / (received + lost) if received + lost else 0.0
print(f"bench: gateway's view of the callers' media over {calls} calls: {received} packets received, {lost} lost ({share:.3f} %), {sent} sent to callers")
PY
echo "bench: outputs in $out"
