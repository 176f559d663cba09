#!/usr/bin/env bash
# Load bench of the web server (issue 16, items 2 and 3): builds the release binary, starts
# `auditpanel serve --demo` on a fresh SQLite file and on a fresh PostgreSQL database, and drives two
# workloads with wrk at 200 connections:
#   dashboard  GET /audits/20.1/enighed as the koordinator (session cookie)
#   saves      POST /api/v1/audits/25.1/ratings, drafts of the six panelists of 25.1 who have not
#              submitted (write tokens),
#              each request one rating of a unit chosen round robin
# and prints req/s, p50, p99 and errors (non-2xx/3xx answers and socket errors) for each.
#
# Usage: scripts/bench-dashboard.sh [sqlite|postgres|both]   (default both)
# Env:   DURATION (wrk seconds, default 15), CONNECTIONS (default 200), THREADS (wrk, default 2),
#        PG_URL (server, default postgres://postgres@127.0.0.1:5432), PORT (default 18080)
# Needs: wrk, curl, psql (for the PostgreSQL run). Targets (issue 16): dashboard >= 2000 req/s and
# p99 <= 100 ms on SQLite, >= 1000 req/s and p99 <= 150 ms on PostgreSQL; saves >= 1500 req/s,
# p99 <= 100 ms, no errors on SQLite. The figures are printed, never asserted.
set -euo pipefail

cd "$(dirname "$0")/.."
ENGINES=${1:-both}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-200}
THREADS=${THREADS:-2}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PORT=${PORT:-18080}
BASE="http://127.0.0.1:$PORT"
BIN=target/release/auditpanel
WORK=$(mktemp -d)
SERVER=""

cleanup() {
    if [[ -n "$SERVER" ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

cargo build --release -p auditpanel >&2

# The wrk script: tokens and units rotate per request; `done` prints one parseable line.
cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT %.0f %.1f %.1f %d %d\n", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.status,
    e.connect + e.read + e.write + e.timeout))
end
LUA
cat >"$WORK/saves.lua" <<'LUA'
local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do tokens[#tokens + 1] = line end
local items = { "8.a", "8.b", "9.a" }
local materials = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j" }
local n = 0
request = function()
  n = n + 1
  local token = tokens[(n % #tokens) + 1]
  local unit = items[(n % #items) + 1] .. "/rapport-" .. materials[(math.floor(n / 3) % #materials) + 1]
  local body = string.format('{"ratings":[{"unit":"%s","value":%d,"reason":"bench"}]}', unit, (n % 5) + 1)
  return wrk.format("POST", nil, {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, body)
end
LUA
cat "$WORK/report.lua" >>"$WORK/saves.lua"

start_server() { # URL
    "$BIN" serve --demo --addr "127.0.0.1:$PORT" --database-url "$1" >"$WORK/server.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 300); do
        if curl -fsS -o /dev/null "$BASE/login"; then return; fi
        sleep 0.2
    done
    echo "serveren startede ikke:" >&2; cat "$WORK/server.log" >&2; exit 1
}

stop_server() {
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
}

# Logs in as $1 (password "demo") and prints the session token.
login() {
    local jar="$WORK/jar" csrf
    rm -f "$jar"
    csrf=$(curl -fsS -c "$jar" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
    curl -fsS -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$csrf" \
        --data-urlencode "username=$1" --data-urlencode "password=demo" "$BASE/login"
    awk '$6 == "auditpanel_session" { print $7 }' "$jar"
}

run_wrk() { # LABEL ENGINE wrk-args...
    local label=$1 engine=$2; shift 2
    local line
    line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" | grep '^RESULT')
    read -r _ rps p50 p99 status sockets <<<"$line"
    printf '%-10s %-10s %8s req/s   p50 %7s ms   p99 %7s ms   non-2xx %s   socket errors %s\n' \
        "$engine" "$label" "$rps" "$p50" "$p99" "$status" "$sockets"
}

bench() { # ENGINE URL
    local engine=$1 url=$2
    start_server "$url"
    local session
    session=$(login koordinator)
    [[ -n "$session" ]] || { echo "login mislykkedes" >&2; exit 1; }
    # Warm up until the bootstrap intervals are there: the bench measures the steady state.
    for _ in $(seq 1 300); do
        curl -fsS -b "auditpanel_session=$session" "$BASE/audits/20.1/enighed" | grep -q 'beregnes stadig' || break
        sleep 0.5
    done
    [[ $(curl -s -o /dev/null -w '%{http_code}' -b "auditpanel_session=$session" "$BASE/audits/20.1/enighed") == 200 ]] \
        || { echo "dashboardet svarer ikke 200" >&2; exit 1; }
    run_wrk dashboard "$engine" -s "$WORK/report.lua" -H "Cookie: auditpanel_session=$session" "$BASE/audits/20.1/enighed"

    : >"$WORK/tokens"
    for who in hovedstaden-3 midt-3 nord-1 syd-1 syd-3 oest-3; do
        "$BIN" token create "$who" --scope write --label bench --database-url "$url" >>"$WORK/tokens"
    done
    local check
    check=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(head -1 "$WORK/tokens")" \
        -H 'Content-Type: application/json' -d '{"ratings":[{"unit":"8.a/rapport-a","value":3}]}' \
        "$BASE/api/v1/audits/25.1/ratings")
    [[ $check == 201 ]] || { echo "en kladde kunne ikke gemmes ($check)" >&2; exit 1; }
    TOKENS_FILE="$WORK/tokens" run_wrk saves "$engine" -s "$WORK/saves.lua" "$BASE/api/v1/audits/25.1/ratings"
    stop_server
}

printf '%s connections, %s s each, wrk threads %s, %s cores\n' "$CONNECTIONS" "$DURATION" "$THREADS" "$(nproc)"
if [[ $ENGINES == sqlite || $ENGINES == both ]]; then
    bench sqlite "sqlite://$WORK/bench.db?mode=rwc"
fi
if [[ $ENGINES == postgres || $ENGINES == both ]]; then
    db="auditpanel_bench_$$"
    psql "$PG_URL/postgres" -qc "CREATE DATABASE $db" >/dev/null
    bench postgres "$PG_URL/$db"
    psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
fi
