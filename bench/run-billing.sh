#!/usr/bin/env bash
# Invoicing benchmark: N activated orders (3 items each) invoiced by the real "invoices.issue" step on
# SQLite and PostgreSQL; on PostgreSQL also one hand-written INSERT … SELECT producing the same invoice and
# line rows (in a copy of the database) for the ratio, and then the delivery of a sample of the invoice
# emails (the outbox worker is off while the step is timed). N defaults to 100,000 (BENCH_BILLING_N to change).
# Starts a throwaway PostgreSQL cluster on BENCH_PG_PORT (default 55451), stops it on exit, and writes
# the table to bench/results/billing-latest.md.
set -euo pipefail
cd "$(dirname "$0")/.."
pg_bin=/usr/lib/postgresql/15/bin
pg_port=${BENCH_PG_PORT:-55451}
n=${BENCH_BILLING_N:-100000}
work=$(mktemp -d /tmp/switchyard-bench-billing.XXXXXX)
chmod 755 "$work"
pg_data="$work/pg"
out=bench/results/billing-latest.md

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
for provider in sqlite postgres; do
  echo "==> $provider N=$n" >&2
  line=$($bench --bench billing --provider "$provider" --n "$n" | tee /dev/stderr | grep '^ROW|' | sed 's/^ROW|/|/')
  rows+=("$line")
done

{
  echo "# Invoicing benchmark run ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg), PostgreSQL 15, fsync off)"
  echo
  echo "| provider | N | invoices.issue run | invoices/s | db commands per invoice | INSERT … SELECT (PostgreSQL) | ratio | invoice emails delivered/s (sample) |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$out"
cat "$out"
