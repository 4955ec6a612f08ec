# Start a throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks.
#
#   source scripts/pg_up.sh      # exports PURSUIT_TEST_DATABASE_URL, defines pg_down
#   ...                          # run tests
#   pg_down                      # stop the cluster and delete its files
#
# Meant to be sourced (by .ci/run, or by hand); it changes no shell options of the caller. Runs as
# root: initdb refuses root, so the server runs as the `postgres` user (created if missing). The
# cluster trades durability for speed (fsync=off): right for tests, which kill clients, not the
# server. PGPORT picks the port; unset, the first free port from 55432 up is used. 250
# connections: enough for four `pursuit serve` processes (bench/sse.py --processes 4).

_pursuit_pg_up() {
    local bin tmp port
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bin" ]; then
        echo "pg_up: no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)" >&2
        return 1
    fi
    id -u postgres >/dev/null 2>&1 \
        || useradd --system --no-create-home --shell /usr/sbin/nologin postgres || return 1
    port=${PGPORT:-55432}
    if [ -z "${PGPORT:-}" ]; then
        while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    fi
    tmp=$(mktemp -d /tmp/pgtest.XXXXXX) || return 1
    chown postgres: "$tmp"
    if ! runuser -u postgres -- "$bin/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$tmp/initdb.log" 2>&1; then
        cat "$tmp/initdb.log" >&2; rm -rf "$tmp"; return 1
    fi
    if ! runuser -u postgres -- "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c full_page_writes=off -c max_connections=250" \
        start >/dev/null; then
        cat "$tmp/server.log" >&2; rm -rf "$tmp"; return 1
    fi
    if ! runuser -u postgres -- "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres pursuit_test
    then
        runuser -u postgres -- "$bin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null
        rm -rf "$tmp"; return 1
    fi
    PURSUIT_PG_BIN=$bin
    PURSUIT_PG_DIR=$tmp
    export PURSUIT_TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/pursuit_test"
    echo "pg_up: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port," \
        "PURSUIT_TEST_DATABASE_URL=$PURSUIT_TEST_DATABASE_URL"
}

pg_down() {
    if [ -z "${PURSUIT_PG_DIR:-}" ]; then return 0; fi
    runuser -u postgres -- "$PURSUIT_PG_BIN/pg_ctl" -D "$PURSUIT_PG_DIR/data" -m fast -w stop \
        >/dev/null || true
    rm -rf "$PURSUIT_PG_DIR"
    unset PURSUIT_PG_DIR PURSUIT_PG_BIN PURSUIT_TEST_DATABASE_URL
}

_pursuit_pg_up
