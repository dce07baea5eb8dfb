# Sourced by scripts/test, scripts/demo and bench/run: a throwaway PostgreSQL server.
#   pg_temp_start   initdb + pg_ctl into a temporary folder, on a free port on 127.0.0.1, as a
#                   non-root user (the server refuses to run as root). Exports PG_TEMP_DIR,
#                   PG_TEMP_PORT and PG_TEMP_CONNINFO (superuser `postgres`, database `postgres`).
#   pg_temp_stop    stops the server and removes the folder (safe to call twice; use in a trap).
# pg_hba: the role `costreport_password_user` must log in with a password (for tests of bad
# passwords); every other local connection is trusted.

pg_temp_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) "$(pg_config --bindir 2>/dev/null)"; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
    done
    echo "pg-temp: initdb and pg_ctl not found; install PostgreSQL (apt-get install postgresql)" >&2
    return 1
}

pg_temp_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pg_temp_start() {
    local bindir owner run
    bindir=$(pg_temp_bindir) || return 1
    PG_TEMP_DIR=$(mktemp -d "${TMPDIR:-/tmp}/costreport-pg.XXXXXX")
    PG_TEMP_PORT=$(pg_temp_free_port)
    run=()
    if [ "$(id -u)" = 0 ]; then
        owner=postgres
        if ! id "$owner" >/dev/null 2>&1; then
            owner=costreport-pg
            id "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
        fi
        chown "$owner" "$PG_TEMP_DIR"
        chmod 755 "$PG_TEMP_DIR"
        run=(runuser -u "$owner" --)
    fi
    "${run[@]}" "$bindir/initdb" -D "$PG_TEMP_DIR/data" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >"$PG_TEMP_DIR/initdb.log" 2>&1 || { cat "$PG_TEMP_DIR/initdb.log" >&2; return 1; }
    {
        echo "host all costreport_password_user 127.0.0.1/32 scram-sha-256"
        echo "host all all 127.0.0.1/32 trust"
        echo "local all all trust"
    } >"$PG_TEMP_DIR/data/pg_hba.conf"
    "${run[@]}" "$bindir/pg_ctl" -D "$PG_TEMP_DIR/data" -l "$PG_TEMP_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_TEMP_PORT -c unix_socket_directories=$PG_TEMP_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 -c shared_buffers=256MB -c work_mem=32MB" \
        start >/dev/null || { cat "$PG_TEMP_DIR/server.log" >&2; return 1; }
    PG_TEMP_BINDIR=$bindir
    PG_TEMP_RUN="${run[*]}"
    PG_TEMP_CONNINFO="host=127.0.0.1 port=$PG_TEMP_PORT user=postgres dbname=postgres"
    export PG_TEMP_DIR PG_TEMP_PORT PG_TEMP_CONNINFO PG_TEMP_BINDIR PG_TEMP_RUN
}

pg_temp_stop() {
    [ -n "${PG_TEMP_DIR:-}" ] || return 0
    if [ -f "$PG_TEMP_DIR/data/postmaster.pid" ]; then
        $PG_TEMP_RUN "$PG_TEMP_BINDIR/pg_ctl" -D "$PG_TEMP_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_TEMP_DIR"
    PG_TEMP_DIR=
}
