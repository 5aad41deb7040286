#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 (+ PostGIS when installable) cluster on 127.0.0.1 for the integration tests.
# Prints the connection URL on stdout (the only line on stdout); logs go to stderr.
# Usage: scripts/start_postgres.sh [PORT]   (default 54329); stop it with: scripts/start_postgres.sh --stop [PORT]
set -euo pipefail

STOP=0
if [[ "${1:-}" == "--stop" ]]; then STOP=1; shift; fi
PORT="${1:-54329}"
PGBIN=/usr/lib/postgresql/15/bin
DATA="${EVENTSIFT_PG_DATA:-/tmp/eventsift-pg-$PORT}"
RUNAS=()
[[ "$(id -u)" == "0" ]] && RUNAS=(runuser -u postgres --)

if [[ "$STOP" == "1" ]]; then
    "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -m immediate stop >&2 || true
    rm -rf "$DATA"
    exit 0
fi

if [[ ! -x "$PGBIN/initdb" ]]; then
    echo "PostgreSQL 15 is not installed at $PGBIN; install it with: apt-get install -y postgresql-15" >&2
    exit 1
fi
if [[ ! -f /usr/share/postgresql/15/extension/postgis.control ]]; then
    if [[ "$(id -u)" == "0" ]]; then
        echo "installing PostGIS (postgresql-15-postgis-3)..." >&2
        (apt-get install -y -q postgresql-15-postgis-3 >&2 || { apt-get update -q >&2 && apt-get install -y -q postgresql-15-postgis-3 >&2; }) \
            || echo "PostGIS could not be installed: the store falls back to plain SQL distance filters" >&2
    else
        echo "PostGIS is missing and this user cannot install it: spatial filters fall back to plain SQL" >&2
    fi
fi

if "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q 2>/dev/null; then
    echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
    exit 0
fi
rm -rf "$DATA"
mkdir -p "$DATA"
[[ "$(id -u)" == "0" ]] && chown postgres:postgres "$DATA"
"${RUNAS[@]}" "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DATA -c fsync=off" start >&2
echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
