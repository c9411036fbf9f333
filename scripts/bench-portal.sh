#!/usr/bin/env bash
# The portal under load: generates a quarter of N matters with ../shared/bench/scale/make-quarter.py (or reads one
# already made, in QUARTER_DIR), runs the quarter-end batch into a fresh archive, adds a clerk and a unit account,
# starts `ducha serve` and measures, RUNS times: how long it takes to start (read the archive and listen), then
# with wrk (50 connections, 2 threads, DURATION seconds each on loopback) the latency of the ledger page as the
# clerk sees it (all N matters, page 1), the ledger as the busiest unit sees it, one matter's page — pages the
# server has rendered once for the snapshot are kept, so these mostly measure the kept page — and the ledger with a
# random sort, order and page on every request (2,800 combinations, more than the 512 pages kept: mostly
# rendered anew), and a random matter's page on every request (N matters: mostly rendered anew); and the server's
# peak memory (VmHWM) and CPU seconds. Prints the medians.
#
#   scripts/bench-portal.sh N [RUNS]        e.g. scripts/bench-portal.sh 10000 3
#
# Environment: ARCHIVE_BASE (default /dev/shm), QUARTER_DIR, DUCHA (default .build/release/ducha, built if
# missing), DURATION (default 20), PORT (default 18480).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:?usage: scripts/bench-portal.sh N [RUNS]}
RUNS=${2:-3}
BASE=${ARCHIVE_BASE:-/dev/shm}
DUCHA=${DUCHA:-.build/release/ducha}
DURATION=${DURATION:-20}
PORT=${PORT:-18480}
URL="http://127.0.0.1:$PORT"
command -v wrk >/dev/null || { echo "需要 wrk（apt-get install wrk）" >&2; exit 1; }
[ -x "$DUCHA" ] || swift build -c release --product ducha >/dev/null
QUARTER=${QUARTER_DIR:-$BASE/ducha-quarter-$N}
if [ ! -f "$QUARTER/事项-2026Q1.json" ]; then
    GENERATOR=../shared/bench/scale/make-quarter.py
    [ -f "$GENERATOR" ] || { echo "找不到 $GENERATOR（或用 QUARTER_DIR 指明已生成的季度）" >&2; exit 1; }
    python3 "$GENERATOR" "$N" "$QUARTER" >/dev/null
fi
ARCHIVE="$BASE/ducha-portal-archive-$N"
rm -rf "$ARCHIVE"
"$DUCHA" batch --as-of 2026-03-31 --quiet --archive "$ARCHIVE" "$QUARTER/事项-2026Q1.json" "$QUARTER/事件-2026Q1.json" \
    >/dev/null
PASSWORD="bench-password-$RANDOM$RANDOM"
# The unit with the most matters as 主责单位, a matter of it, and every non-涉密 matter's id (for the random
# matter pages; 涉密 matters answer 404 on the web).
"$DUCHA" status --as-of 2026-04-10 --format json --archive "$ARCHIVE" >"$BASE/ducha-portal-status-$N.json"
read -r UNIT MATTER < <(python3 - "$BASE/ducha-portal-status-$N.json" "$BASE/ducha-portal-ids-$N.lua" <<'PY'
import collections, json, sys
rows = [r for r in json.load(open(sys.argv[1]))["事项"] if not r["涉密"]]
unit = collections.Counter(r["主责单位"] for r in rows).most_common(1)[0][0]
with open(sys.argv[2], "w") as out:
    out.write("ids = {" + ",".join('"%s"' % r["编号"] for r in rows) + "}\n")
print(unit, next(r["编号"] for r in rows if r["主责单位"] == unit))
PY
)
rm -f "$BASE/ducha-portal-status-$N.json"
echo "$PASSWORD" | "$DUCHA" user add bench-clerk --role clerk --archive "$ARCHIVE" >/dev/null
echo "$PASSWORD" | "$DUCHA" user add bench-unit --role unit --unit "$UNIT" --archive "$ARCHIVE" >/dev/null
RESULTS=$(mktemp)
WORK=$(mktemp -d)
trap 'rm -rf "$RESULTS" "$WORK" "$BASE/ducha-portal-ids-$N.lua"; [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true' EXIT

signin() {  # signin NAME → the session cookie
    curl -s -o /dev/null -c "$WORK/jar-$1" --data-urlencode "name=$1" --data-urlencode "password=$PASSWORD" "$URL/signin"
    awk '$6 == "ducha_session" { print $6 "=" $7 }' "$WORK/jar-$1"
}

load() {  # load LABEL COOKIE PATH [random] → "LABEL requests/s p50-ms p99-ms"
    printf 'wrk.headers["Cookie"] = "%s"\n' "$2" >"$WORK/cookie.lua"
    if [ "${4:-}" = matters ]; then
        cat "$BASE/ducha-portal-ids-$N.lua" >>"$WORK/cookie.lua"
        cat >>"$WORK/cookie.lua" <<'LUA'
request = function()
    return wrk.format(nil, "/matters/" .. ids[math.random(#ids)])
end
LUA
    fi
    if [ "${4:-}" = random ]; then
        cat >>"$WORK/cookie.lua" <<'LUA'
local sorts = {"id", "title", "unit", "deadline", "state", "light", "next"}
local orders = {"asc", "desc"}
request = function()
    local path = "/ledger?sort=" .. sorts[math.random(#sorts)] .. "&order=" .. orders[math.random(2)]
        .. "&page=" .. math.random(200)
    return wrk.format(nil, path)
end
LUA
    fi
    wrk -t2 -c50 -d"${DURATION}s" --latency -s "$WORK/cookie.lua" "$URL$3" >"$WORK/wrk.txt"
    if grep -q "Non-2xx" "$WORK/wrk.txt"; then
        echo "$1 有非 200 的应答：" >&2
        cat "$WORK/wrk.txt" >&2
        exit 1
    fi
    python3 - "$1" "$WORK/wrk.txt" <<'PY'
import re, sys
text = open(sys.argv[2]).read()
def ms(label):
    value, unit = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\s*$" % label, text, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
print(sys.argv[1], f"{rate:.0f}", f"{ms('50%'):.1f}", f"{ms('99%'):.1f}")
PY
}

for run in $(seq 1 "$RUNS"); do
    START=$(date +%s.%N)
    "$DUCHA" serve --archive "$ARCHIVE" --port "$PORT" --as-of 2026-04-10 >"$WORK/serve.log" 2>&1 &
    SERVER=$!
    until grep -q "督查管理系统已启动" "$WORK/serve.log" 2>/dev/null; do
        kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
        sleep 0.05
    done
    until curl -s -o /dev/null "$URL/signin"; do sleep 0.05; done
    echo "start $(python3 -c "print(f'{$(date +%s.%N) - $START:.2f}')")" >>"$RESULTS"
    CLERK=$(signin bench-clerk)
    UNIT_COOKIE=$(signin bench-unit)
    {
        load ledger "$CLERK" "/ledger"
        load unit-ledger "$UNIT_COOKIE" "/ledger"
        load matter "$CLERK" "/matters/$MATTER"
        load ledger-random "$CLERK" "/ledger" random
        load matter-random "$CLERK" "/matters/$MATTER" matters
    } >>"$RESULTS"
    TICKS=$(awk '{ print $14 + $15 }' "/proc/$SERVER/stat")
    echo "memory $(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER/status")" >>"$RESULTS"
    echo "cpu $(python3 -c "print(f'{$TICKS / $(getconf CLK_TCK):.1f}')")" >>"$RESULTS"
    kill -INT "$SERVER"
    wait "$SERVER" 2>/dev/null || true
    SERVER=
done

python3 - "$RESULTS" "$N" "$RUNS" "$UNIT" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def median(label, column):
    return statistics.median(float(r[column]) for r in rows if r[0] == label)
n, runs, unit = sys.argv[2], sys.argv[3], sys.argv[4]
print(f"{n} 个事项，{runs} 次的中位数（单位账号：{unit}）")
print(f"启动（读入档案并开始监听）：{median('start', 1):.2f} 秒")
print("页面 | 每秒请求 | p50 毫秒 | p99 毫秒")
for label, name in [("ledger", "台账（督查员，全部事项第 1 页）"), ("unit-ledger", "台账（承办单位）"), ("matter", "事项页"),
                    ("ledger-random", "台账（每次随机排序、页码）"), ("matter-random", "事项页（每次随机事项）")]:
    print(f"{name} | {median(label, 1):.0f} | {median(label, 2):.1f} | {median(label, 3):.1f}")
print(f"服务器峰值内存（VmHWM）：{median('memory', 1):.1f} MiB；服务器 CPU：{median('cpu', 1):.1f} 秒（整次运行）")
PY
