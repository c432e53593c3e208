#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks, in a directory of its own, reached
# over a Unix socket in that directory (no TCP port, nothing shared with a system server).
#
#   scripts/postgres.sh start DIR          → prints the libpq conninfo of database "bondstore"
#   scripts/postgres.sh createdb DIR NAME  → a further, empty database; prints its conninfo
#   scripts/postgres.sh restart DIR        (fast shutdown: clients' connections are cut)
#   scripts/postgres.sh stop DIR
#
# PostgreSQL refuses to run as root: as root, the server runs as the "postgres" user that
# Debian's postgresql package creates. fsync and synchronous_commit stay on (the durability the
# reliability tests are about).
set -euo pipefail
cmd=${1:?start|createdb|stop}
dir=${2:?directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/postgres" ] || { echo "postgres.sh: no PostgreSQL server (Debian package postgresql)" >&2; exit 1; }
port=5432
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
conninfo() { echo "host=$dir port=$port dbname=$1 user=bondstore"; }

case $cmd in
start)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U bondstore --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -p $port -c listen_addresses='' -c max_connections=300 -c shared_buffers=64MB" start >/dev/null
  as_owner "$bin/createdb" -h "$dir" -p "$port" -U bondstore bondstore
  conninfo bondstore
  ;;
createdb)
  name=${3:?database name}
  as_owner "$bin/createdb" -h "$dir" -p "$port" -U bondstore "$name"
  conninfo "$name"
  ;;
restart)
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
  ;;
stop)
  [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  ;;
*) echo "postgres.sh: start|createdb|restart|stop DIR" >&2; exit 2 ;;
esac
