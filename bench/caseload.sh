# The caseload cases of bench/http_bench.sh, sourced by it (they use its helpers and its state):
# ponte on a database seeded with BENCH_CASES demo cases, each with its history, signed in as the
# demo case worker (the lead of every case but the referrals waiting for an answer), reading
#   - a case: GET /api/v1/cases/{id}, a random one of hers each request, audited;
#   - her caseload: GET /api/v1/organizations/{org}/cases?state=active&q=..., searching a random
#     woman by name and number ("leila (demo) 123" matches at most a hundred cases).
# shellcheck shell=bash disable=SC2034,SC2153,SC2154

readonly CASELOAD_THREADS=2
readonly CASELOAD_CONNS=32
readonly SEED_TIMEOUT_S=300
CASES="${BENCH_CASES:-100000}"
if ! [[ "$CASES" =~ ^[0-9]+$ ]] || ((CASES < 64)); then
    die "BENCH_CASES must be an integer of at least 64 (got '$CASES')"
fi

# caseload_seed LABEL DB: seeds DB with CASES cases; sets SEED_SECONDS. False when DB had accounts
# already (nothing seeded: its ids are not the ones the cases pick).
caseload_seed() {
    local label=$1 db=$2 start
    log "caseload on $label: seeding $CASES cases"
    start=$(date +%s%N)
    timeout -k 5 "$SEED_TIMEOUT_S" "$BIN" seed-demo --db "$db" --key-file "$tmp/ponte.keys" --cases "$CASES" \
        >"$tmp/seed-$label.log" 2>&1 || {
        cat "$tmp/seed-$label.log" >&2
        die "ponte seed-demo --cases $CASES on $label failed (or took more than ${SEED_TIMEOUT_S} s)"
    }
    SEED_SECONDS=$(awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')
    ! grep -q "nothing added" "$tmp/seed-$label.log"
}

# caseload_scripts PORT: signs in as the case worker and writes the wrk scripts of both cases;
# sets CASELOAD_COOKIE and CASELOAD_ORG.
caseload_scripts() {
    local port=$1 headers="$tmp/login-headers" body="$tmp/login.json"
    curl -sf --max-time 5 -D "$headers" -o "$body" -H 'Content-Type: application/json' \
        -d '{"email":"case_worker@demo.ponte.example","password":"ponte demo password"}' \
        "http://127.0.0.1:$port/api/v1/auth/login" || die "the case worker cannot sign in"
    CASELOAD_COOKIE=$(awk 'tolower($1) == "set-cookie:" { sub(/;.*/, "", $2); print $2; exit }' "$headers")
    CASELOAD_ORG=$(grep -o '"organization_id":[0-9]*' "$body" | head -n 1 | cut -d: -f2)
    [[ -n "$CASELOAD_COOKIE" && -n "$CASELOAD_ORG" ]] || die "no session cookie or organization in the login"
    # Case i (from 0) has id i + 1 and the state of i % 8; those with i % 8 == 0 are referrals
    # without a lead, which she does not read.
    cat >"$tmp/caseload-common.lua" <<LUA
wrk.headers["Cookie"] = "$CASELOAD_COOKIE"
local groups = $((CASES / 8))
local threads = 0
function setup(thread) threads = threads + 1; thread:set("seed", threads) end
function init(args) math.randomseed(seed * 7919 + os.time()) end
LUA
    cat "$tmp/caseload-common.lua" - >"$tmp/case-read.lua" <<'LUA'
request = function()
  return wrk.format("GET", "/api/v1/cases/" .. (8 * math.random(0, groups - 1) + math.random(2, 8)))
end
LUA
    # The active women: i % 8 in 2, 3, 5, 7; named "<name> (demo) <i / 8 + 1>".
    cat "$tmp/caseload-common.lua" - >"$tmp/caseload.lua" <<LUA
local names = {"leila", "oksana", "mariam", "samira"}
request = function()
  local q = names[math.random(1, 4)] .. "%20(demo)%20" .. math.random(2, groups)
  return wrk.format("GET", "/api/v1/organizations/$CASELOAD_ORG/cases?state=active&q=" .. q)
end
LUA
}

# caseload_cases IDX LABEL DB [SERVE_OPTION...]: seeds DB, serves it and runs the case read as
# case IDX and the caseload as IDX + 1; sets C_SEED[IDX].
caseload_cases() {
    local idx=$1 label=$2 db=$3 port
    shift 3
    if ! caseload_seed "$label" "$db"; then
        notes+=("caseload on $label: the database had accounts already; cases skipped")
        return 0
    fi
    C_SEED[idx]=$SEED_SECONDS
    port=$(free_port) || die "no free port for ponte on $label"
    log "caseload on $label: serve on 127.0.0.1:$port"
    "$BIN" serve --listen "127.0.0.1:$port" --db "$db" --key-file "$tmp/ponte.keys" --access-log off --demo \
        --jobs false "$@" >"$tmp/ponte-caseload-$label.log" 2>&1 &
    caseload_pid=$!
    wait_ready "ponte on $label" "$caseload_pid" "http://127.0.0.1:$port/healthz"
    caseload_scripts "$port"
    # Signing in hashed her password with Argon2id (64 MiB, handed back at once): the peak RSS of
    # the cases starts after it (5: reset VmHWM to the present RSS, Linux 4.0 and later).
    echo 5 >"/proc/$caseload_pid/clear_refs" 2>/dev/null ||
        notes+=("caseload on $label: cannot reset the peak RSS, which includes the sign-in's 64 MiB hash")
    wrk_threads=$CASELOAD_THREADS
    wrk_conns=$CASELOAD_CONNS
    check_header="Cookie: $CASELOAD_COOKIE"
    local base="http://127.0.0.1:$port"
    wrk_script="$tmp/case-read.lua"
    check_url="$base/api/v1/cases/3"
    bench_case "$idx" "ponte on $label GET /api/v1/cases/{id}" "$base" "$caseload_pid"
    wrk_script="$tmp/caseload.lua"
    check_url="$base/api/v1/organizations/$CASELOAD_ORG/cases?state=active&q=leila%20(demo)%2012"
    bench_case $((idx + 1)) "ponte on $label GET /api/v1/organizations/{org}/cases?state=active&q=..." "$base" \
        "$caseload_pid"
    wrk_threads=$WRK_THREADS
    wrk_conns=$WRK_CONNS
    wrk_script=""
    check_header=""
    check_url=""
    stop_tree "$caseload_pid"
    caseload_pid=""
}
