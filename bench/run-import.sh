#!/usr/bin/env bash
# Legacy import benchmark: generates ROWS legacy service orders (switchyard dev generate-legacy, seed 1),
# imports them through the real server (POST /v1/legacy/imports) on PostgreSQL and compares with
# `psql \copy` of the same file into an equivalent unindexed table on the same server; records the server's
# peak memory (VmHWM), a read's latency while the import runs, and the migration plan's time for the book.
# Usage: bench/run-import.sh [postgres|sqlite] [ROWS...]   (built Release binaries expected: dotnet build -c Release)
# PostgreSQL: a throwaway cluster on BENCH_PG_PORT (default 55460), fsync off, stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${1:-postgres}
shift || true
sizes=("${@:-100000 1000000}")
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
  rm -rf "$work"
}
trap stop EXIT

if [ "$provider" = postgres ]; then
  mkdir -p "$pg_data" && chown postgres:postgres "$pg_data"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres --locale=C.UTF-8 -E UTF8 >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -w -l "$pg_data/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
    start >/dev/null
fi
psql_() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

for n in "${sizes[@]}"; do
  file="$work/legacy-$n.csv"
  $cli dev generate-legacy --rows "$n" --seed 1 --out "$file" 2>/dev/null
  size=$(du -m "$file" | cut -f1)
  if [ "$provider" = postgres ]; then
    db="bench_$n"
    psql_ -d postgres -c "CREATE DATABASE $db"
    conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db"
  else
    conn="Data Source=$work/bench-$n.db"
  fi
  SWITCHYARD_DB_PROVIDER=$provider SWITCHYARD_DB="$conn" SWITCHYARD_OPERATOR_KEY=$key SWITCHYARD_CLOCK=manual \
    SWITCHYARD_CLOCK_START=2027-01-04T09:00:00Z SWITCHYARD_RATE_LIMIT_PER_MINUTE=100000 ASPNETCORE_URLS=$api \
    dotnet src/Switchyard.Server/bin/Release/net10.0/Switchyard.Server.dll >"$work/server-$n.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do curl -sf "$api/health" >/dev/null && break; sleep 1; done
  partner=$(curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{"name":"Bench"}' "$api/v1/partners" | jq -r .id)
  curl -sf -H "Authorization: Bearer $key" -X POST "$api/v1/partners/$partner/approve" >/dev/null
  curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{"name":"Insights","contracted":true}' "$api/v1/partners/$partner/catalog-entries" >/dev/null
  pkey=$(curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d '{"permissions":["app.view","offers.manage"]}' "$api/v1/partners/$partner/api-keys" | jq -r .key)
  rss_before=$(awk '/VmRSS/ {print $2}' /proc/$server_pid/status)

  # A read every 200 ms while the import runs: its worst latency.
  ( worst=0; while [ ! -f "$work/done-$n" ]; do
      t=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $pkey" "$api/v1/customers?limit=1")
      worst=$(echo "$t $worst" | awk '{print ($1>$2)?$1:$2}'); sleep 0.2; done; echo "$worst" > "$work/read-$n" ) &
  start=$(date +%s%N)
  result=$(curl -s -H "Authorization: Bearer $pkey" -H 'Content-Type: text/csv' --data-binary @"$file" "$api/v1/legacy/imports?dryRun=false")
  import_ms=$(ms "$start")
  touch "$work/done-$n"; sleep 0.5
  hwm=$(awk '/VmHWM/ {print $2}' /proc/$server_pid/status)
  start=$(date +%s%N)
  plan_rows=$(curl -sf -H "Authorization: Bearer $pkey" "$api/v1/migrations/plan?asOf=2027-01-04" | jq '.rows | length')
  plan_ms=$(ms "$start")
  copy_ms=""
  if [ "$provider" = postgres ]; then
    psql_ -d "$db" -c "CREATE TABLE copy_probe (external_id text, customer_org_id text, customer_name text, app text, type text, quantity int, unit_price numeric, currency text, contract_start date, contract_end date, status text, received_at timestamptz)"
    start=$(date +%s%N)
    psql_ -d "$db" -c "\\copy copy_probe FROM '$file' WITH (FORMAT csv, HEADER true)"
    copy_ms=$(ms "$start")
  fi
  stop_server
  echo "ROW|$provider|$n|${size} MB|$import_ms|$(( n * 1000 / (import_ms > 0 ? import_ms : 1) ))|${copy_ms:-—}|$( [ -n "$copy_ms" ] && awk -v a="$import_ms" -v b="$copy_ms" 'BEGIN{printf "%.2f", a/b}' || echo —)|$(( rss_before / 1024 )) → $(( hwm / 1024 )) MB|$(cat "$work/read-$n")|$plan_rows|$plan_ms|$(echo "$result" | jq -c '{status,created}')"
done
