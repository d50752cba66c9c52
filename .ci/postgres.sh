# Source this file: `pg_start` starts a throwaway PostgreSQL (Debian's server binaries) on
# loopback under a temporary directory and exports PG_SERVER_URL (database "postgres") and
# PG_WORKDIR; `pg_stop` stops it and removes the directory. Used by .ci/run and `make bench`.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
run_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_start() {
  PGBIN="$(pg_bin)"
  PG_WORKDIR="$(mktemp -d /tmp/ctassist-pg.XXXXXX)"
  local port=$(( 20000 + RANDOM % 20000 ))
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home "$PG_WORKDIR" postgres
    chown postgres "$PG_WORKDIR"
  fi
  run_pg "$PGBIN/initdb" -D "$PG_WORKDIR/data" -U ctassist --auth=trust -E UTF8 >/dev/null
  run_pg "$PGBIN/pg_ctl" -D "$PG_WORKDIR/data" -l "$PG_WORKDIR/log" -w \
    -o "-h 127.0.0.1 -p $port -k $PG_WORKDIR -c fsync=off -c synchronous_commit=off" start >/dev/null
  export PG_WORKDIR PG_PORT="$port" PG_SERVER_URL="postgres://ctassist@127.0.0.1:$port/postgres"
}
pg_stop() {
  [ -n "${PG_WORKDIR:-}" ] || return 0
  run_pg "$(pg_bin)/pg_ctl" -D "$PG_WORKDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_WORKDIR"
}
