#!/usr/bin/env bash
# Order transitions benchmark (TIM-2): N accepted orders go New → Processing → Activated (grants, transactions,
# audit) through the server's real due transitions and through hand-written set-based SQL doing the same
# writes, alternating over BENCH_ROUNDS rounds (default 3) on the same rows, for N = 5,000 and 50,000
# (BENCH_TRANSITIONS_N to change) on PostgreSQL. Starts a throwaway cluster on BENCH_PG_PORT (default
# 55452), stops it on exit, and writes the table with the load average to bench/results/transitions-latest.md.
set -euo pipefail
cd "$(dirname "$0")/.."
pg_bin=/usr/lib/postgresql/15/bin
pg_port=${BENCH_PG_PORT:-55452}
sizes=${BENCH_TRANSITIONS_N:-"5000 50000"}
rounds=${BENCH_ROUNDS:-3}
work=$(mktemp -d /tmp/switchyard-bench-transitions.XXXXXX)
chmod 755 "$work"
pg_data="$work/pg"
out=bench/results/transitions-latest.md

stop() {
  if [ -f "$pg_data/postmaster.pid" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap stop EXIT

mkdir -p "$pg_data" && chown postgres:postgres "$pg_data"
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres --locale=C.UTF-8 -E UTF8 >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -w -l "$pg_data/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
export SWITCHYARD_BENCH_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"

dotnet build bench/Switchyard.Bench -c Release -nologo -v q >/dev/null
bench="dotnet bench/Switchyard.Bench/bin/Release/net10.0/Switchyard.Bench.dll"

rows=()
for n in $sizes; do
  echo "==> postgres N=$n, $rounds rounds" >&2
  before=$(cut -d' ' -f1-3 /proc/loadavg)
  line=$($bench --bench transitions --provider postgres --n "$n" --rounds "$rounds" | tee /dev/stderr | grep '^ROW|' | sed 's/^ROW|/|/')
  rows+=("$line $before → $(cut -d' ' -f1-3 /proc/loadavg) |")
done

{
  echo "# Order transitions run ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, PostgreSQL 15, fsync off)"
  echo
  echo "| provider | N | server transitions | set-based SQL | ratio (per round) | db commands per order (server) | rounds | load average before → after |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$out"
cat "$out"
