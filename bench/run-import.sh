#!/usr/bin/env bash
# Legacy import benchmark: generates ROWS legacy service orders (switchyard dev generate-legacy, seed 1),
# imports them through the real server (POST /v1/legacy/imports) on PostgreSQL and compares with
# `psql \copy` of the same file into an equivalent unindexed table on the same server; records the server's
# peak memory (VmHWM), a read's latency while the import runs, and the migration plan's time for the book.
# Usage: bench/run-import.sh [--full]                      PostgreSQL 100k (and 1M with --full), then SQLite 100k
#        bench/run-import.sh postgres|sqlite ROWS...        one provider, the sizes given
# (built Release binaries expected: dotnet build -c Release src/Switchyard.Server src/Switchyard.Cli)
# PostgreSQL: a throwaway cluster on BENCH_PG_PORT (default 55460), fsync off, stopped on exit.
# Prints one markdown table row per run (with the load average at its end) and the server's phase times.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=()
case "${1:-}" in
  postgres|sqlite) p=$1; shift; for n in "${@:-100000}"; do runs+=("$p:$n"); done ;;
  --full) runs=(postgres:100000 postgres:1000000 sqlite:100000) ;;
  *) runs=(postgres:100000 sqlite:100000) ;;
esac
pg_bin=/usr/lib/postgresql/15/bin
pg_port=${BENCH_PG_PORT:-55460}
http_port=${BENCH_HTTP_PORT:-55480}
work=$(mktemp -d /tmp/switchyard-import-bench.XXXXXX)
chmod 755 "$work"
pg_data="$work/pg"
server_pid=""
key=sy_bench_operator_key_0123456789abcdef
cli="dotnet src/Switchyard.Cli/bin/Release/net10.0/switchyard.dll"
api="http://127.0.0.1:$http_port"

stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; fi
}
stop() {
  stop_server
  if [ -f "$pg_data/postmaster.pid" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true
  fi
  [ -n "${BENCH_KEEP:-}" ] || rm -rf "$work"
}
trap stop EXIT

if true; then
  mkdir -p "$pg_data" && chown postgres:postgres "$pg_data"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres --locale=C.UTF-8 -E UTF8 >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -w -l "$pg_data/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
    start >/dev/null
fi
psql_() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
copy_probe() { # $1 database, $2 file: milliseconds of psql \copy into an unindexed table shaped like the import
  psql_ -d "$1" -c "DROP TABLE IF EXISTS copy_probe; CREATE TABLE copy_probe (external_id text, customer_org_id text, customer_name text, app text, type text, quantity int, unit_price numeric, currency text, contract_start date, contract_end date, status text, received_at timestamptz)"
  local t; t=$(date +%s%N)
  psql_ -d "$1" -c "\\copy copy_probe FROM '$2' WITH (FORMAT csv, HEADER true)"
  ms "$t"
}
echo "| provider | rows | file | import (s) | rows/s | \`psql \\copy\` (s) | ratio | server CPU (s) | server RSS before → peak | read p50 / max (s) | plan rows | plan (s) | plan rows/s | plan server CPU (s) | server peak RSS after the plan | load avg | result |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for run in "${runs[@]}"; do
  provider=${run%%:*}; n=${run##*:}
  file="$work/legacy-$n.csv"
  [ -f "$file" ] || $cli dev generate-legacy --rows "$n" --seed 1 --out "$file" 2>/dev/null
  db="bench_${provider}_$n"
  psql_ -d postgres -c "CREATE DATABASE $db"
  size=$(du -m "$file" | cut -f1)
  if [ "$provider" = postgres ]; then
    conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db"
  else
    conn="Data Source=$work/bench-$n.db"
  fi
  SWITCHYARD_DB_PROVIDER=$provider SWITCHYARD_DB="$conn" SWITCHYARD_OPERATOR_KEY=$key SWITCHYARD_CLOCK=manual \
    SWITCHYARD_CLOCK_START=2027-01-04T09:00:00Z SWITCHYARD_RATE_LIMIT_PER_MINUTE=100000 ASPNETCORE_URLS=$api \
    dotnet src/Switchyard.Server/bin/Release/net10.0/Switchyard.Server.dll >"$work/server-$provider-$n.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do curl -sf "$api/health" >/dev/null && break; sleep 1; done
  partner=$(curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{"name":"Bench"}' "$api/v1/partners" | jq -r .id)
  curl -sf -H "Authorization: Bearer $key" -X POST "$api/v1/partners/$partner/approve" >/dev/null
  curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{"name":"Insights","contracted":true}' "$api/v1/partners/$partner/catalog-entries" >/dev/null
  pkey=$(curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{"permissions":["app.view","offers.manage"]}' "$api/v1/partners/$partner/api-keys" | jq -r .key)
  rss_before=$(awk '/VmRSS/ {print $2}' /proc/$server_pid/status)

  # \copy of the same file before and after the import (alternating rounds): their mean is the reference.
  copy1=$(copy_probe "$db" "$file")
  # A read (a page of the book) every 200 ms while the import runs: median and worst latency.
  done_flag="$work/done-$provider-$n"; reads="$work/read-$provider-$n"; : > "$reads"
  ( while [ ! -f "$done_flag" ]; do
      curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $pkey" "$api/v1/legacy/service-orders?limit=50" >> "$reads"
      sleep 0.2; done ) &
  reader_pid=$!
  cpu_before=$(cpu_ticks "$server_pid")
  start=$(date +%s%N)
  result=$(curl -s -H "Authorization: Bearer $pkey" -H 'Content-Type: text/csv' --data-binary @"$file" "$api/v1/legacy/imports?dryRun=false")
  import_ms=$(ms "$start")
  cpu_ms=$(( ($(cpu_ticks "$server_pid") - cpu_before) * 1000 / $(getconf CLK_TCK) ))
  touch "$done_flag"; wait "$reader_pid" || true
  read_stats=$(sort -n "$reads" | awk '{a[NR]=$1} END {if (NR==0) print "—"; else printf "%.3f / %.3f (%d reads)", a[int((NR+1)/2)], a[NR], NR}')
  hwm=$(awk '/VmHWM/ {print $2}' /proc/$server_pid/status)
  cpu_before=$(cpu_ticks "$server_pid")
  start=$(date +%s%N)
  plan_rows=$(curl -sf -H "Authorization: Bearer $pkey" "$api/v1/migrations/plan?asOf=2027-01-04" | jq '.rows | length')
  plan_ms=$(ms "$start")
  plan_cpu_ms=$(( ($(cpu_ticks "$server_pid") - cpu_before) * 1000 / $(getconf CLK_TCK) ))
  plan_hwm=$(awk '/VmHWM/ {print $2}' /proc/$server_pid/status)
  copy2=$(copy_probe "$db" "$file")
  copy_ms=$(( (copy1 + copy2) / 2 ))
  stop_server
  grep -h "Legacy import of" "$work/server-$provider-$n.log" | tail -1 | sed 's/^ */<!-- /; s/$/ -->/' || true
  secs() { awk -v m="$1" 'BEGIN{printf "%.1f", m/1000}'; }
  echo "| $provider | $n | ${size} MB | $(secs "$import_ms") | $(( n * 1000 / (import_ms > 0 ? import_ms : 1) )) | $(secs "$copy_ms") | $(awk -v a="$import_ms" -v b="$copy_ms" 'BEGIN{printf "%.2f×", a/b}') | $(secs "$cpu_ms") | $(( rss_before / 1024 )) → $(( hwm / 1024 )) MB | $read_stats | $plan_rows | $(secs "$plan_ms") | $(( plan_rows * 1000 / (plan_ms > 0 ? plan_ms : 1) )) | $(secs "$plan_cpu_ms") | $(( plan_hwm / 1024 )) MB | $(cut -d' ' -f1-3 /proc/loadavg) | $(echo "$result" | jq -c '{status,created,updated,unchanged}' 2>/dev/null || echo "$result" | head -c 200) |"
done
