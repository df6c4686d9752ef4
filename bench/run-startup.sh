#!/usr/bin/env bash
# Start-up benchmark: time from starting the published Release server on an existing SQLite database (created by a first
# start, not timed) to its first 200 from GET /health/ready, and its resident memory (RSS) after IDLE seconds
# with nothing to do; the same for an empty ASP.NET Core app (the bench's `empty-app` mode) answering /health.
# Alternates the two over BENCH_ROUNDS rounds (default 5). Writes bench/results/startup-latest.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${BENCH_ROUNDS:-5}
idle=${BENCH_IDLE_SECONDS:-10}
port=${BENCH_PORT:-55480}
work=$(mktemp -d /tmp/switchyard-startup.XXXXXX)
out=bench/results/startup-latest.md
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# The server as operations.md publishes it (ReadyToRun for the platform); BENCH_R2R=0 publishes it without.
# BENCH_PUBLISH_ARGS adds MSBuild properties for a comparison, e.g. -p:EnableRequestDelegateGenerator=false.
# shellcheck disable=SC2086
dotnet publish src/Switchyard.Server -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=${BENCH_R2R:-true} \
  ${BENCH_PUBLISH_ARGS:-} -o "$work/server" -nologo -v q >/dev/null
dotnet build bench/Switchyard.Bench -c Release -nologo -v q >/dev/null
server="dotnet $work/server/Switchyard.Server.dll"
empty="dotnet bench/Switchyard.Bench/bin/Release/net10.0/Switchyard.Bench.dll empty-app"
export SWITCHYARD_DB="Data Source=$work/switchyard.db" SWITCHYARD_MAIL_PICKUP="$work/mail" SWITCHYARD_OPERATOR_KEY=sy_startup_bench_key_0123456789abcdef
export Logging__LogLevel__Default=Warning

now_ms() { date +%s%3N; }

# Starts "$1" on the port, waits for a 200 from "$2"; writes the milliseconds to $work/ms and leaves the
# process running as $pid (no command substitution: the process must stay a child of this shell).
start_and_wait() {
  local t0; t0=$(now_ms)
  $1 --urls "http://127.0.0.1:$port" >"$work/log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port$2"; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/log" >&2; exit 1; }
    sleep 0.02
  done
  echo $(( $(now_ms) - t0 )) > "$work/ms"
  cpu_ms > "$work/cpu"
}

# CPU time (user + system) the process has used so far: unlike the wall time, barely inflated by other load.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat"; }

stop_it() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

# The first start creates the database and the first operator: not measured.
start_and_wait "$server" /health/ready
stop_it

rows=()
for round in $(seq 1 "$rounds"); do
  for side in server empty; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    if [ "$side" = server ]; then start_and_wait "$server" /health/ready; else start_and_wait "$empty" /health; fi
    ms=$(cat "$work/ms"); cpu=$(cat "$work/cpu")
    sleep "$idle"
    rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
    stop_it
    echo "round $round $side: first 200 after $ms ms ($cpu ms CPU), RSS $rss MB after ${idle} s idle (load $load)" >&2
    rows+=("| $round | $side | $ms | $cpu | $rss | $load |")
  done
done

{
  echo "# Start-up run ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, SQLite, published server, ReadyToRun ${BENCH_R2R:-true})"
  echo
  echo "| round | app | start to first 200 (ms) | CPU used by then (ms) | RSS after ${idle} s idle (MB) | load average (1 min) |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$out"
cat "$out"
