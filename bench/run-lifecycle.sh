#!/usr/bin/env bash
# Lifecycle benchmark: N offers (3 items each) created, sent and accepted, then the clock moves and all
# N orders are processed, activated and provisioned; N = 1,000 and 10,000 on SQLite and on PostgreSQL.
# Starts a throwaway PostgreSQL cluster (like scripts/test) on BENCH_PG_PORT (default 55450), stops it
# on exit, and writes the table to bench/results/lifecycle-latest.md.
# N=10,000 goes through the domain methods by default (BENCH_SEED_10K=http sends it through HTTP too:
# about 8 more minutes on 2 cores); the activation run is the same either way.
set -euo pipefail
cd "$(dirname "$0")/.."
pg_bin=/usr/lib/postgresql/15/bin
pg_port=${BENCH_PG_PORT:-55450}
seed_10k=${BENCH_SEED_10K:-domain}
work=$(mktemp -d /tmp/switchyard-bench.XXXXXX)
chmod 755 "$work"
pg_data="$work/pg"
out=bench/results/lifecycle-latest.md

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
for n in 1000 10000; do
  seed=http
  [ "$n" -eq 10000 ] && seed=$seed_10k
  for provider in sqlite postgres; do
    echo "==> $provider N=$n (seed: $seed)" >&2
    line=$($bench --provider "$provider" --n "$n" --seed "$seed" | tee /dev/stderr | grep '^ROW|' | sed 's/^ROW|/|/')
    rows+=("$line")
  done
done

{
  echo "# Lifecycle benchmark run ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, PostgreSQL 15, fsync off)"
  echo
  echo "Rates per second through the in-memory HTTP pipeline (4 concurrent callers); database commands per object in brackets."
  echo
  echo "| provider | N | created/s (cmd/offer) | sent/s (cmd/offer) | accepted/s (cmd/offer) | activated/s (run time) | cmd/order in the transition run | activated |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$out"
cat "$out"
