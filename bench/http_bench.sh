#!/usr/bin/env bash
# HTTP benchmark: ponte vs. a stock nginx serving a static JSON file.
#
#   usage: bash bench/http_bench.sh path/to/ponte
#
# Environment:
#   BENCH_SECONDS     measured duration per case, integer seconds
#                     (default 10, clamped to 1..20)
#   BENCH_CASES       how many cases the caseload cases seed (default 100000)
#   BENCH_ONLY_CASELOAD  if 1, only nginx and the caseload cases (9 to 13)
#   BENCH_SERVICES    how many services the directory cases seed (default 100000)
#   BENCH_ONLY_DIRECTORY  if 1, only nginx and the directory cases (14 to 16)
#   BENCH_ONLY_NGINX  if 1, skip everything that needs the ponte binary
#                     (runs the nginx reference only; useful to check the
#                     harness itself)
#   PONTE_TEST_POSTGRES_URL  a PostgreSQL database for the slow-query cases;
#                     unset, the script runs itself again under
#                     scripts/with-postgres.sh (a throw-away server on
#                     127.0.0.1) when PostgreSQL 15 is installed, and skips
#                     those cases otherwise
#
# Everything listens on 127.0.0.1 only, every step is time-bounded, and all
# processes and the temp dir are removed by the EXIT trap (also on failure
# and Ctrl-C).  The script reports target misses but does not fail on them;
# it exits nonzero only when a tool or a run failed.
set -euo pipefail

# ---------------------------------------------------------------- settings --
readonly WRK_THREADS=2
readonly WRK_CONNS=64
readonly LIGHT_CONNS=4             # the light-load cases: wrk -t1 -c4, latency without saturation
# The wrk settings of the next runs (the light-load and caseload cases change them): a Lua script
# for wrk when set, and a header and URL for the check that the case answers 2xx before it runs.
wrk_threads=$WRK_THREADS
wrk_conns=$WRK_CONNS
wrk_script=""
check_header=""
check_url=""
readonly WARMUP_SECONDS=1
readonly READY_TIMEOUT_S=10       # max wait for a server to answer
readonly MAX_SECONDS=20
readonly FLOOD_CONNS=8             # concurrent logins in the login-flood case
readonly SLOW_CONNS=8              # connections running slow queries in the slow-query case
readonly SLOW_MS=200               # how long each of those requests waits in the database

BIN="${1:-}"
ONLY_NGINX="${BENCH_ONLY_NGINX:-0}"
ONLY_CASELOAD="${BENCH_ONLY_CASELOAD:-0}"
ONLY_DIRECTORY="${BENCH_ONLY_DIRECTORY:-0}"
DURATION="${BENCH_SECONDS:-10}"
NGINX="${NGINX:-/usr/sbin/nginx}"

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

if ! [[ "$DURATION" =~ ^[0-9]+$ ]]; then
    die "BENCH_SECONDS must be a positive integer (got '$DURATION')"
fi
DURATION=$((10#$DURATION))
((DURATION < 1)) && DURATION=1
((DURATION > MAX_SECONDS)) && DURATION=$MAX_SECONDS

# The slow-query cases need PostgreSQL (a query that waits in the database server): run under a
# throw-away one when none is given and one is installed.
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ "$ONLY_NGINX" != 1 && -z "${PONTE_TEST_POSTGRES_URL:-}" && -z "${BENCH_UNDER_POSTGRES:-}" &&
      -x /usr/lib/postgresql/15/bin/initdb ]]; then
    export BENCH_UNDER_POSTGRES=1
    exec bash "$script_dir/../scripts/with-postgres.sh" bash "${BASH_SOURCE[0]}" "$@"
fi
PG_URL="${PONTE_TEST_POSTGRES_URL:-}"

# ------------------------------------------------------------ prerequisites --
command -v wrk >/dev/null 2>&1 || die "wrk not found (Debian: apt-get install wrk)"
command -v curl >/dev/null 2>&1 || die "curl not found"
command -v timeout >/dev/null 2>&1 || die "timeout (coreutils) not found"
[[ -x "$NGINX" ]] || die "nginx not found at $NGINX (Debian: apt-get install nginx-light)"
if [[ "$ONLY_NGINX" != 1 ]]; then
    [[ -n "$BIN" ]] || die "usage: $0 path/to/ponte"
    [[ -x "$BIN" ]] || die "ponte binary '$BIN' not found or not executable (run 'make' first)"
fi

# ------------------------------------------------------- state and cleanup --
tmp=""
nginx_pid=""
ponte_pid=""
pg_ponte_pid=""
caseload_pid=""
wrk_pid=""
flood_pid=""

# is_alive PID: true if the process exists and is not a zombie.
is_alive() {
    local stat
    { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
    stat=${stat##*) }
    [[ "${stat%% *}" != Z ]]
}

# children_of PID: direct children of PID (scans /proc, needs no procps).
children_of() {
    local parent=$1 f stat rest ppid
    for f in /proc/[0-9]*/stat; do
        { read -r stat <"$f"; } 2>/dev/null || continue
        rest=${stat##*) }           # skip "pid (comm) " (comm may contain spaces)
        read -r _ ppid _ <<<"$rest"
        if [[ "$ppid" == "$parent" ]]; then
            f=${f#/proc/}
            printf '%s\n' "${f%/stat}"
        fi
    done
}

# shellcheck disable=SC2317  # stop_tree and cleanup run from the EXIT trap
# stop_tree PID: TERM the process and its direct children, KILL after 5 s.
stop_tree() {
    local pid=$1 p i
    [[ -n "$pid" ]] || return 0
    local -a pids=("$pid")
    mapfile -t -O 1 pids < <(children_of "$pid")
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        local any=0
        for p in "${pids[@]}"; do is_alive "$p" && any=1; done
        ((any == 0)) && break
        sleep 0.1
    done
    for p in "${pids[@]}"; do
        if is_alive "$p"; then kill -KILL "$p" 2>/dev/null || true; fi
    done
    wait "$pid" 2>/dev/null || true   # reap our direct child
}

# shellcheck disable=SC2317
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    local pid
    for pid in "$wrk_pid" "$flood_pid"; do
        if [[ -n "$pid" ]]; then
            kill -TERM "$pid" 2>/dev/null
            wait "$pid" 2>/dev/null
        fi
    done
    stop_tree "$ponte_pid"
    stop_tree "$pg_ponte_pid"
    stop_tree "$caseload_pid"
    stop_tree "$nginx_pid"
    if ((rc != 0)) && [[ -n "$tmp" && -d "$tmp" ]]; then
        local f
        for f in "$tmp"/ponte.log "$tmp"/ponte-pg.log "$tmp"/ponte-caseload-*.log "$tmp"/nginx-error.log; do
            if [[ -s "$f" ]]; then
                printf '[bench] --- last lines of %s ---\n' "${f##*/}" >&2
                tail -n 20 "$f" >&2
            fi
        done
    fi
    [[ -n "$tmp" && -d "$tmp" ]] && rm -rf -- "$tmp"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ponte-bench.XXXXXX")
chmod 755 "$tmp"

# --------------------------------------------------------------- helpers --
# free_port: an unused TCP port on 127.0.0.1 (tiny race window is accepted).
free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()' && return 0
    fi
    local p i
    for ((i = 0; i < 200; i++)); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    return 1
}

# wait_ready NAME PID URL: poll URL until it answers 2xx, bounded.
wait_ready() {
    local name=$1 pid=$2 url=$3 i
    for ((i = 0; i < READY_TIMEOUT_S * 10; i++)); do
        is_alive "$pid" || die "$name exited during startup"
        curl -sf -o /dev/null --max-time 1 "$url" 2>/dev/null && return 0
        sleep 0.1
    done
    die "$name did not answer $url within ${READY_TIMEOUT_S} s"
}

# peak_rss_mb PID: sum of VmHWM (peak resident set since process start) of
# PID and its direct children, in MB.  For nginx this is master + workers;
# the kernel cannot reset VmHWM, so it is the peak since the server started.
peak_rss_mb() {
    local pid=$1 p kb total=0
    local -a pids=("$pid")
    mapfile -t -O 1 pids < <(children_of "$pid")
    for p in "${pids[@]}"; do
        kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
        [[ -n "$kb" ]] && total=$((total + kb))
    done
    awk -v kb="$total" 'BEGIN { printf "%.1f", kb / 1024 }'
}

# to_ms VALUE: wrk time ("635.00us", "2.53ms", "1.02s", "1.00m") -> ms.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (match(v, /^[0-9.]+/) == 0) { print "NaN"; exit 1 }
        n = substr(v, 1, RLENGTH); u = substr(v, RLENGTH + 1)
        if      (u == "us") f = 0.001
        else if (u == "ms") f = 1
        else if (u == "s")  f = 1000
        else if (u == "m")  f = 60000
        else if (u == "h")  f = 3600000
        else { print "NaN"; exit 1 }
        printf "%.2f", n * f
    }'
}

# run_wrk OUTFILE SECONDS URL: run wrk bounded in time; in the background so
# that Ctrl-C is handled immediately by the trap.
run_wrk() {
    local out=$1 secs=$2 url=$3 rc=0
    timeout -k 5 $((secs + 30)) \
        wrk -t"$wrk_threads" -c"$wrk_conns" -d"${secs}s" --latency ${wrk_script:+-s "$wrk_script"} "$url" \
        >"$out" 2>&1 &
    wrk_pid=$!
    wait "$wrk_pid" || rc=$?
    wrk_pid=""
    if ((rc != 0)) || ! grep -q '^Requests/sec:' "$out"; then
        cat "$out" >&2
        die "wrk failed (exit $rc) for $url"
    fi
}

# Results, indexed by case number.
declare -a C_NAME C_RPS C_P50 C_P99 C_RSS
notes=()
run_failed=0

# bench_case IDX NAME URL PID
bench_case() {
    local idx=$1 name=$2 url=$3 pid=$4 out="$tmp/wrk-$1.txt"
    curl -sf -o /dev/null --max-time 5 ${check_header:+-H "$check_header"} "${check_url:-$url}" ||
        die "$name: ${check_url:-$url} does not answer 2xx"
    log "case $idx: $name — warm-up ${WARMUP_SECONDS}s, measuring ${DURATION}s"
    run_wrk "$tmp/wrk-$idx-warmup.txt" "$WARMUP_SECONDS" "$url"
    run_wrk "$out" "$DURATION" "$url"

    local rps p50 p99 non2xx sockerr
    rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")") || die "$name: cannot parse p50"
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")") || die "$name: cannot parse p99"
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
    sockerr=$(awk '/Socket errors:/ {sub(/^ *Socket errors: */, ""); print}' "$out")
    if [[ -n "$non2xx" && "$non2xx" != 0 ]]; then
        notes+=("$name: $non2xx non-2xx/3xx responses — numbers are not valid")
        run_failed=1
    fi
    [[ -n "$sockerr" ]] && notes+=("$name: socket errors: $sockerr")

    C_NAME[idx]=$name
    C_RPS[idx]=$rps
    C_P50[idx]=$p50
    C_P99[idx]=$p99
    C_RSS[idx]=$(peak_rss_mb "$pid")
}

# ------------------------------------------------------------------ ponte --
ponte_port=""
body="$tmp/www/meta.json"
mkdir -p "$tmp/www"

if [[ "$ONLY_NGINX" != 1 ]]; then
    ponte_port=$(free_port) || die "no free port for ponte"
    db="sqlite:$tmp/bench.db"
    log "ponte: migrate ($db)"
    timeout -k 5 60 "$BIN" migrate --db "$db" >"$tmp/migrate.log" 2>&1 || {
        cat "$tmp/migrate.log" >&2
        die "ponte migrate failed"
    }
    "$BIN" keys generate --key-file "$tmp/ponte.keys" >/dev/null
    # Demo accounts, for the login flood.
    timeout -k 5 60 "$BIN" seed-demo --db "$db" --key-file "$tmp/ponte.keys" >"$tmp/seed.log" 2>&1 || {
        cat "$tmp/seed.log" >&2
        die "ponte seed-demo failed"
    }
    log "ponte: serve on 127.0.0.1:$ponte_port"
    # --demo: the demo accounts' password is published, and serve refuses them outside demo mode.
    "$BIN" serve --listen "127.0.0.1:$ponte_port" --db "$db" --key-file "$tmp/ponte.keys" --access-log off --demo \
        >"$tmp/ponte.log" 2>&1 &
    ponte_pid=$!
    wait_ready ponte "$ponte_pid" "http://127.0.0.1:$ponte_port/healthz"
    # Give nginx the same payload and the same security headers ponte sends, so that both
    # answer responses of the same size.
    if ! curl -sf --max-time 5 -D "$tmp/ponte-headers" -o "$body" "http://127.0.0.1:$ponte_port/api/v1/meta" \
        || [[ ! -s "$body" ]]; then
        log "could not fetch /api/v1/meta body; nginx serves a fixed JSON file"
        rm -f "$body"
    fi
fi

if [[ ! -s "$body" ]]; then
    # Fixed ~200-byte JSON document, similar in size to ponte's responses.
    cat >"$body" <<'EOF'
{"name":"ponte","version":"0.0.0","api":"v1","database":"sqlite","schema_version":1,"features":["health","meta","json"],"started_at":"2024-01-01T00:00:00Z","uptime_s":0,"status":"ok"}
EOF
fi
chmod 644 "$body"
body_bytes=$(wc -c <"$body")

# The headers ponte adds to every response, as nginx add_header lines.
extra_headers=""
if [[ -s "$tmp/ponte-headers" ]]; then
    while IFS= read -r line; do
        line=${line%$'\r'}
        name=${line%%:*}
        value=${line#*: }
        case "${name,,}" in
            x-content-type-options | x-frame-options | referrer-policy | content-security-policy | \
                cross-origin-opener-policy | cross-origin-resource-policy | permissions-policy | \
                cache-control | x-request-id)
                extra_headers+="        add_header $name \"$value\" always;"$'\n'
                ;;
        esac
    done <"$tmp/ponte-headers"
fi

# ------------------------------------------------------------------ nginx --
nginx_port=$(free_port) || die "no free port for nginx"
user_line=""
# As root, nginx workers would drop to "nobody", which may not read $tmp.
[[ "$(id -u)" == 0 ]] && user_line="user root;"

cat >"$tmp/nginx.conf" <<EOF
$user_line
daemon off;
master_process on;
worker_processes 2;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;

events {
    worker_connections 1024;
}

http {
    access_log off;
    client_body_temp_path $tmp/nginx-client_body;
    proxy_temp_path       $tmp/nginx-proxy;
    fastcgi_temp_path     $tmp/nginx-fastcgi;
    uwsgi_temp_path       $tmp/nginx-uwsgi;
    scgi_temp_path        $tmp/nginx-scgi;

    default_type application/json;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;

    server {
        listen 127.0.0.1:$nginx_port;
        server_name localhost;
        root $tmp/www;
$extra_headers    }
}
EOF

log "nginx: serve $body_bytes-byte JSON on 127.0.0.1:$nginx_port"
# -e: startup errors before the config is read also go to $tmp, not /var/log.
"$NGINX" -t -q -c "$tmp/nginx.conf" -p "$tmp" -e "$tmp/nginx-error.log" \
    || die "nginx config test failed"
"$NGINX" -c "$tmp/nginx.conf" -p "$tmp" -e "$tmp/nginx-error.log" \
    >"$tmp/nginx.out" 2>&1 &
nginx_pid=$!
wait_ready nginx "$nginx_pid" "http://127.0.0.1:$nginx_port/meta.json"

# ------------------------------------------------------------------ cases --
bench_case 1 "nginx static JSON" "http://127.0.0.1:$nginx_port/meta.json" "$nginx_pid"
if [[ "$ONLY_NGINX" != 1 && "$ONLY_CASELOAD" != 1 && "$ONLY_DIRECTORY" != 1 ]]; then
    bench_case 2 "ponte GET /healthz" "http://127.0.0.1:$ponte_port/healthz" "$ponte_pid"
    bench_case 3 "ponte GET /api/v1/meta" "http://127.0.0.1:$ponte_port/api/v1/meta" "$ponte_pid"

    # Case 4: the same reads while a flood of correct logins (each an Argon2id hash of 64 MiB
    # and a session write) runs on FLOOD_CONNS other connections. Hashing runs on its own
    # bounded pool, so the reads should barely notice.
    cat >"$tmp/login.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"email":"case_worker@demo.ponte.example","password":"ponte demo password"}'
wrk.headers["Content-Type"] = "application/json"
LUA
    flood_secs=$((WARMUP_SECONDS + DURATION + 2))
    log "login flood: $FLOOD_CONNS connections for ${flood_secs}s"
    timeout -k 5 $((flood_secs + 15)) \
        wrk -t1 -c"$FLOOD_CONNS" -d"${flood_secs}s" --latency -s "$tmp/login.lua" \
        "http://127.0.0.1:$ponte_port/api/v1/auth/login" >"$tmp/wrk-flood.txt" 2>&1 &
    flood_pid=$!
    sleep 1
    bench_case 4 "ponte GET /api/v1/meta during a login flood" "http://127.0.0.1:$ponte_port/api/v1/meta" "$ponte_pid"
    wait "$flood_pid" || die "the login flood's wrk failed"
    flood_pid=""
    FLOOD_RPS=$(awk '/^Requests\/sec:/ {printf "%.1f", $2}' "$tmp/wrk-flood.txt")
    FLOOD_P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$tmp/wrk-flood.txt")")
    FLOOD_NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$tmp/wrk-flood.txt")
fi

# Cases 5 and 6: ponte on PostgreSQL, /healthz (a query to the database server) alone, then while
# SLOW_CONNS other connections each run requests that wait SLOW_MS in the database (pg_sleep). The
# handler pool and the database pool are large enough for them, so /healthz should not notice.
SLOW_NOTE=""
if [[ "$ONLY_NGINX" != 1 && "$ONLY_CASELOAD" != 1 && "$ONLY_DIRECTORY" != 1 && -n "$PG_URL" ]]; then
    pg_port=$(free_port) || die "no free port for ponte on PostgreSQL"
    log "ponte on PostgreSQL: serve on 127.0.0.1:$pg_port"
    # --test-routes: the slow route (/api/v1/probe/sleep?database_ms=N) exists only in test servers.
    "$BIN" serve --listen "127.0.0.1:$pg_port" --db "$PG_URL" --key-file "$tmp/ponte.keys" --access-log off \
        --jobs false --test-routes --handler-threads 16 --db-pool-size 18 >"$tmp/ponte-pg.log" 2>&1 &
    pg_ponte_pid=$!
    wait_ready "ponte on PostgreSQL" "$pg_ponte_pid" "http://127.0.0.1:$pg_port/healthz"
    bench_case 5 "ponte on PostgreSQL GET /healthz" "http://127.0.0.1:$pg_port/healthz" "$pg_ponte_pid"

    cat >"$tmp/slow.lua" <<'LUA'
wrk.method = "POST"
LUA
    slow_url="http://127.0.0.1:$pg_port/api/v1/probe/sleep?database_ms=$SLOW_MS"
    curl -sf -o /dev/null --max-time 5 -X POST "$slow_url" || die "the slow route does not answer 2xx"
    slow_secs=$((2 * (WARMUP_SECONDS + DURATION) + 3))
    log "slow queries: $SLOW_CONNS connections waiting ${SLOW_MS} ms each in the database for ${slow_secs}s"
    timeout -k 5 $((slow_secs + 15)) \
        wrk -t1 -c"$SLOW_CONNS" -d"${slow_secs}s" --latency -s "$tmp/slow.lua" "$slow_url" \
        >"$tmp/wrk-slow.txt" 2>&1 &
    flood_pid=$!
    sleep 1
    bench_case 6 "ponte on PostgreSQL GET /healthz during slow queries" "http://127.0.0.1:$pg_port/healthz" \
        "$pg_ponte_pid"
    # The same at a light load, beside nginx at the same settings: the latency a health check
    # sees when the machine is not saturated by the benchmark itself.
    wrk_threads=1
    wrk_conns=$LIGHT_CONNS
    bench_case 7 "nginx static JSON, light load" "http://127.0.0.1:$nginx_port/meta.json" "$nginx_pid"
    bench_case 8 "ponte on PostgreSQL GET /healthz during slow queries, light load" \
        "http://127.0.0.1:$pg_port/healthz" "$pg_ponte_pid"
    wrk_threads=$WRK_THREADS
    wrk_conns=$WRK_CONNS
    wait "$flood_pid" || die "the slow queries' wrk failed"
    flood_pid=""
    SLOW_RPS=$(awk '/^Requests\/sec:/ {printf "%.1f", $2}' "$tmp/wrk-slow.txt")
    SLOW_P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$tmp/wrk-slow.txt")")
    SLOW_NON2XX=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$tmp/wrk-slow.txt")
    if [[ -n "$SLOW_NON2XX" && "$SLOW_NON2XX" != 0 ]]; then
        notes+=("slow queries: $SLOW_NON2XX non-2xx responses — the case is not valid")
        run_failed=1
    fi
elif [[ "$ONLY_NGINX" != 1 && "$ONLY_CASELOAD" != 1 && "$ONLY_DIRECTORY" != 1 ]]; then
    SLOW_NOTE="no PostgreSQL (PONTE_TEST_POSTGRES_URL unset and PostgreSQL 15 not installed): slow-query cases skipped"
fi

# Cases 9 to 13: the caseload at BENCH_CASES cases (bench/caseload.sh), on SQLite and on
# PostgreSQL, at 32 connections beside nginx at the same settings.
declare -a C_SEED
if [[ "$ONLY_NGINX" != 1 && "$ONLY_DIRECTORY" != 1 ]]; then
    # shellcheck source=bench/caseload.sh
    source "$script_dir/caseload.sh"
    wrk_conns=$CASELOAD_CONNS
    bench_case 9 "nginx static JSON, $CASELOAD_CONNS connections" "http://127.0.0.1:$nginx_port/meta.json" "$nginx_pid"
    wrk_conns=$WRK_CONNS
    caseload_cases 10 SQLite "sqlite:$tmp/caseload.db"
    if [[ -n "$PG_URL" ]]; then
        caseload_cases 12 PostgreSQL "$PG_URL"
    fi
fi

# Cases 14 to 16: the directory's search at BENCH_SERVICES services (bench/directory.sh), on SQLite
# and on PostgreSQL (a database of its own on the same server), at 64 connections beside nginx at
# the same settings.
declare -a D_SEED
if [[ "$ONLY_NGINX" != 1 && "$ONLY_CASELOAD" != 1 ]]; then
    # shellcheck source=bench/directory.sh
    source "$script_dir/directory.sh"
    wrk_conns=$DIRECTORY_CONNS
    bench_case 14 "nginx static JSON, $DIRECTORY_CONNS connections" "http://127.0.0.1:$nginx_port/meta.json" \
        "$nginx_pid"
    wrk_conns=$WRK_CONNS
    directory_case 15 SQLite "sqlite:$tmp/directory.db"
    if [[ -n "$PG_URL" ]]; then
        psql "$PG_URL" -qAt -c "CREATE DATABASE ponte_directory_bench" >/dev/null 2>&1 ||
            notes+=("directory on PostgreSQL: cannot create its database")
        directory_case 16 PostgreSQL "${PG_URL%/*}/ponte_directory_bench"
    fi
fi

# ----------------------------------------------------------------- report --
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo
echo "## HTTP benchmark"
echo
echo "wrk -t$WRK_THREADS -c$WRK_CONNS -d${DURATION}s --latency (after a ${WARMUP_SECONDS} s warm-up);" \
     "$(nproc 2>/dev/null || echo '?') CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "nginx payload $body_bytes bytes"
nginx_response=$(curl -s -i --max-time 5 "http://127.0.0.1:$nginx_port/meta.json" | wc -c)
if [[ "$ONLY_NGINX" != 1 ]]; then
    ponte_response=$(curl -s -i --max-time 5 "http://127.0.0.1:$ponte_port/api/v1/meta" | wc -c)
    echo "whole responses (headers and body): nginx $nginx_response bytes, ponte /api/v1/meta $ponte_response bytes"
fi
echo
echo "| case | req/s | p50 ms | p99 ms | peak RSS MB | req/s ratio vs nginx |"
echo "|---|---:|---:|---:|---:|---:|"
for idx in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do
    if [[ -z "${C_NAME[idx]:-}" ]]; then
        case $idx in
            2) echo "| ponte GET /healthz | skipped | | | | |" ;;
            3) echo "| ponte GET /api/v1/meta | skipped | | | | |" ;;
            4) echo "| ponte GET /api/v1/meta during a login flood | skipped | | | | |" ;;
            5) echo "| ponte on PostgreSQL GET /healthz | skipped | | | | |" ;;
            6) echo "| ponte on PostgreSQL GET /healthz during slow queries | skipped | | | | |" ;;
            12) echo "| ponte on PostgreSQL GET /api/v1/cases/{id} | skipped | | | | |" ;;
        esac
        continue
    fi
    # The light-load cases compare with nginx at the same settings.
    reference=1
    ((idx >= 7)) && reference=7
    ((idx >= 9)) && reference=9
    ((idx >= 14)) && reference=14
    echo "| ${C_NAME[idx]} | ${C_RPS[idx]} | ${C_P50[idx]} | ${C_P99[idx]} | ${C_RSS[idx]} |" \
         "$(ratio "${C_RPS[idx]}" "${C_RPS[reference]}") |"
done
echo
echo "Peak RSS is VmHWM since server start (nginx: sum over master + workers)."
if [[ -n "${C_NAME[7]:-}" ]]; then
    echo "Light-load cases: wrk -t1 -c$LIGHT_CONNS, ratio against nginx at the same settings."
fi
if [[ -n "${C_NAME[4]:-}" ]]; then
    echo
    echo "Login flood during case 4: $FLOOD_CONNS connections, ${FLOOD_RPS} logins/s (each a 64 MiB Argon2id" \
         "verification and a session write), p99 ${FLOOD_P99} ms, non-2xx: ${FLOOD_NON2XX:-0};" \
         "reads kept $(ratio "${C_RPS[4]}" "${C_RPS[3]}") of their rate without the flood."
fi
if [[ -n "${C_NAME[6]:-}" ]]; then
    echo
    echo "Slow queries during case 6: $SLOW_CONNS connections, each request waiting ${SLOW_MS} ms in PostgreSQL" \
         "(pg_sleep), ${SLOW_RPS} requests/s, p50 ${SLOW_P50} ms, non-2xx: ${SLOW_NON2XX:-0};" \
         "/healthz kept $(ratio "${C_RPS[6]}" "${C_RPS[5]}") of its rate without them" \
         "(ponte on PostgreSQL: --handler-threads 16 --db-pool-size 18)."
fi
[[ -n "$SLOW_NOTE" ]] && echo && echo "$SLOW_NOTE"
if [[ -n "${C_NAME[9]:-}" ]]; then
    echo
    echo "Caseload cases: wrk -t$CASELOAD_THREADS -c$CASELOAD_CONNS, ratio against nginx at the same settings;" \
         "$CASES cases with their history, seeded in ${C_SEED[10]:-?} s on SQLite, ${C_SEED[12]:-(skipped)} s on" \
         "PostgreSQL; each ponte serves only its caseload cases, so its peak RSS is theirs."
fi
if [[ -n "${C_NAME[14]:-}" ]]; then
    echo
    echo "Directory cases: wrk -t$DIRECTORY_THREADS -c$DIRECTORY_CONNS, ratio against nginx at the same settings;" \
         "$SERVICES services, seeded in ${D_SEED[15]:-?} s on SQLite, ${D_SEED[16]:-(skipped)} s on PostgreSQL;" \
         "each ponte serves only the directory case, so its peak RSS is the search's."
fi
echo

echo "### Targets (ponte GET /api/v1/meta)"
echo
check() { # LABEL VALUE CONDITION(awk, on v)
    if awk -v v="$2" "BEGIN { exit !($3) }"; then echo "- $1: $2 — PASS"; else echo "- $1: $2 — MISS"; fi
}
if [[ -n "${C_NAME[3]:-}" ]]; then
    r=$(ratio "${C_RPS[3]}" "${C_RPS[1]}")
    check "req/s >= 0.5 x nginx" "$r" "v != \"n/a\" && v + 0 >= 0.5"
    check "p99 < 10 ms" "${C_P99[3]} ms" "v + 0 < 10"
    check "peak RSS < 40 MB" "${C_RSS[3]} MB" "v + 0 < 40"
else
    echo "- req/s >= 0.5 x nginx: SKIP"
    echo "- p99 < 10 ms: SKIP"
    echo "- peak RSS < 40 MB: SKIP"
fi

echo
echo "### Targets (ponte GET /healthz during slow queries)"
echo
if [[ -n "${C_NAME[6]:-}" ]]; then
    check "p99 < 20 ms while $SLOW_CONNS connections wait ${SLOW_MS} ms in the database (-c$WRK_CONNS)" \
        "${C_P99[6]} ms" "v + 0 < 20"
    check "p99 < 20 ms while $SLOW_CONNS connections wait ${SLOW_MS} ms in the database (light load)" \
        "${C_P99[8]} ms" "v + 0 < 20"
else
    echo "- p99 < 20 ms while $SLOW_CONNS connections wait ${SLOW_MS} ms in the database: SKIP"
fi

echo
if [[ -n "${C_NAME[9]:-}" ]]; then
echo "### Targets (the caseload at $CASES cases, -c${CASELOAD_CONNS:-32})"
echo
fi
for idx in 10 11 12 13; do
    if [[ -z "${C_NAME[idx]:-}" ]]; then
        continue
    fi
    check "${C_NAME[idx]}: p99 < 20 ms" "${C_P99[idx]} ms" "v + 0 < 20"
    if ((idx % 2 == 0)); then
        check "${C_NAME[idx]}: req/s >= 0.3 x nginx" "$(ratio "${C_RPS[idx]}" "${C_RPS[9]}")" \
            "v != \"n/a\" && v + 0 >= 0.3"
    fi
done
if [[ -n "${C_NAME[11]:-}" ]]; then
    check "ponte on SQLite, peak RSS < 40 MB" "${C_RSS[11]} MB" "v + 0 < 40"
fi

if [[ -n "${C_NAME[14]:-}" ]]; then
    echo
    echo "### Targets (the directory's search at $SERVICES services, -c$DIRECTORY_CONNS)"
    echo
    for idx in 15 16; do
        [[ -z "${C_NAME[idx]:-}" ]] && continue
        check "${C_NAME[idx]}: p99 < 15 ms" "${C_P99[idx]} ms" "v + 0 < 15"
        check "${C_NAME[idx]}: req/s >= 0.3 x nginx" "$(ratio "${C_RPS[idx]}" "${C_RPS[14]}")" \
            "v != \"n/a\" && v + 0 >= 0.3"
    done
fi

if ((${#notes[@]} > 0)); then
    echo
    echo "### Notes"
    echo
    for n in "${notes[@]}"; do echo "- $n"; done
fi

if ((run_failed != 0)); then
    log "some runs returned errors; see notes"
    exit 1
fi
exit 0
