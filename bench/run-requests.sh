#!/usr/bin/env bash
# Request-path benchmark: Switchyard's GET /v1/offers/{id} and POST /v1/offers against a hand-written
# ADO.NET app on the same tables (bench/Switchyard.Bench/Requests), alternating rounds, 8 clients; and
# POST /v1/offers for a customer with 5,000 orders against one with none. SQLite and PostgreSQL.
# Starts a throwaway PostgreSQL cluster on BENCH_PG_PORT (default 55451) and appends both reports to
# bench/results/requests-latest.md. Tune with BENCH_ROUNDS (3), BENCH_SECONDS (5), BENCH_HISTORY (5000).
set -euo pipefail
cd "$(dirname "$0")/.."
pg_bin=/usr/lib/postgresql/15/bin
pg_port=${BENCH_PG_PORT:-55451}
work=$(mktemp -d /tmp/switchyard-bench.XXXXXX)
chmod 755 "$work"
pg_data="$work/pg"
out=bench/results/requests-latest.md

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
bench="dotnet bench/Switchyard.Bench/bin/Release/net10.0/Switchyard.Bench.dll requests"

echo "# Request benchmark run ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))" > "$out"
echo >> "$out"
for provider in sqlite postgres; do
  echo "==> $provider" >&2
  $bench --provider "$provider" --rounds "${BENCH_ROUNDS:-3}" --seconds "${BENCH_SECONDS:-5}" --history "${BENCH_HISTORY:-5000}" --out "$out" >&2
done
cat "$out"
