# The directory cases of bench/http_bench.sh, sourced by it (they use its helpers and its state):
# ponte on a database seeded with BENCH_SERVICES directory services spread over Tuscany (about
# three to a square kilometre), anonymous, searching
#   GET /api/v1/directory/services?q=<word>&category=<category>&near=<lat,lon>&within_km=5
# a random word of the generated names, a random category and a random point of the region each
# request: the words, the category and the distance at once, nearest first.
# shellcheck shell=bash disable=SC2034,SC2153,SC2154

readonly DIRECTORY_THREADS=2
readonly DIRECTORY_CONNS=64
readonly DIRECTORY_SEED_TIMEOUT_S=900
SERVICES="${BENCH_SERVICES:-100000}"
if ! [[ "$SERVICES" =~ ^[0-9]+$ ]] || ((SERVICES < 100)); then
    die "BENCH_SERVICES must be an integer of at least 100 (got '$SERVICES')"
fi

# directory_seed LABEL DB: seeds DB with SERVICES services; sets SEED_SECONDS. False when DB had
# accounts already.
directory_seed() {
    local label=$1 db=$2 start
    log "directory on $label: seeding $SERVICES services"
    start=$(date +%s%N)
    timeout -k 5 "$DIRECTORY_SEED_TIMEOUT_S" "$BIN" seed-demo --db "$db" --key-file "$tmp/ponte.keys" \
        --services "$SERVICES" >"$tmp/seed-directory-$label.log" 2>&1 || {
        cat "$tmp/seed-directory-$label.log" >&2
        die "ponte seed-demo --services $SERVICES on $label failed (or took more than ${DIRECTORY_SEED_TIMEOUT_S} s)"
    }
    SEED_SECONDS=$(awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')
    ! grep -q "nothing added" "$tmp/seed-directory-$label.log"
}

directory_script() {
    cat >"$tmp/directory.lua" <<'LUA'
local words = {"ascolto", "sostegno", "donne", "famiglie", "lavoro", "casa", "italiano", "salute", "diritti",
               "scuola", "comunita", "digitale", "consulenza", "accoglienza", "orientamento", "mediazione"}
local categories = {"language-courses", "cultural-mediation", "legal-documents", "health", "anti-violence",
                    "housing", "employment-training", "childcare-schools", "money-benefits", "digital-help",
                    "community-culture", "women-only", "free"}
local threads = 0
function setup(thread) threads = threads + 1; thread:set("seed", threads) end
function init(args) math.randomseed(seed * 7919 + os.time()) end
request = function()
  local latitude = 42.55 + math.random() * 1.6
  local longitude = 9.85 + math.random() * 2.3
  return wrk.format("GET", string.format(
    "/api/v1/directory/services?q=%s&category=%s&near=%.5f,%.5f&within_km=5",
    words[math.random(1, #words)], categories[math.random(1, #categories)], latitude, longitude))
end
LUA
}

# directory_case IDX LABEL DB: seeds DB, serves it and runs the search as case IDX; sets D_SEED[IDX].
directory_case() {
    local idx=$1 label=$2 db=$3 port
    if ! directory_seed "$label" "$db"; then
        notes+=("directory on $label: the database had accounts already; case skipped")
        return 0
    fi
    D_SEED[idx]=$SEED_SECONDS
    port=$(free_port) || die "no free port for ponte on $label"
    log "directory on $label: serve on 127.0.0.1:$port"
    "$BIN" serve --listen "127.0.0.1:$port" --db "$db" --key-file "$tmp/ponte.keys" --access-log off --demo \
        --jobs false >"$tmp/ponte-directory-$label.log" 2>&1 &
    caseload_pid=$!
    wait_ready "ponte on $label" "$caseload_pid" "http://127.0.0.1:$port/healthz"
    directory_script
    wrk_threads=$DIRECTORY_THREADS
    wrk_conns=$DIRECTORY_CONNS
    wrk_script="$tmp/directory.lua"
    local base="http://127.0.0.1:$port"
    check_url="$base/api/v1/directory/services?q=donne&category=health&near=43.5,11.0&within_km=5"
    bench_case "$idx" "ponte on $label GET /api/v1/directory/services?q=&category=&near=" "$base" "$caseload_pid"
    wrk_threads=$WRK_THREADS
    wrk_conns=$WRK_CONNS
    wrk_script=""
    check_url=""
    stop_tree "$caseload_pid"
    caseload_pid=""
}
