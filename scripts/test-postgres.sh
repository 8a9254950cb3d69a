#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: initdb + pg_ctl as the `postgres` user, in a new
# directory, listening on loopback only on a free port, trust authentication, no fsync (nothing here
# needs to survive a crash). The server binaries are Debian's (/usr/lib/postgresql/<version>/bin, the
# newest version) or, failing that, an initdb/pg_ctl/postgres on /usr/local/bin.
#
#   eval "$(scripts/test-postgres.sh start)"   # exports TEST_DATABASE_URL and ISOPLAN_TEST_PG_DIR
#   scripts/test-postgres.sh stop "$ISOPLAN_TEST_PG_DIR"
#
# Run as root (CI) the server runs as `postgres`; run as another user, as that user.
set -euo pipefail

bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
  elif [ -x /usr/local/bin/initdb ] && [ -x /usr/local/bin/pg_ctl ]; then
    echo /usr/local/bin
  else
    echo "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin or /usr/local/bin (apt-get install postgresql)" >&2
    exit 1
  fi
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

case "${1:-}" in
  start)
    bin=$(bindir)
    dir=$(mktemp -d /tmp/isoplan-pg-XXXXXX)
    if [ "$(id -u)" = 0 ]; then
      id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
      chown postgres:postgres "$dir"
    fi
    port=$(free_port)
    as_owner "$bin/initdb" -D "$dir/data" -U isoplan --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir"
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$opts" -w -t 60 start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "export TEST_DATABASE_URL=postgresql://isoplan@127.0.0.1:$port/postgres"
    echo "export ISOPLAN_TEST_PG_DIR=$dir"
    ;;
  stop)
    dir=${2:?usage: test-postgres.sh stop DIR}
    bin=$(bindir)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
