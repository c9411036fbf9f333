#!/usr/bin/env bash
# A year's work at scale: generates a quarter of N matters with ../shared/bench/scale/make-quarter.py (or reads
# one already made, in QUARTER_DIR), then times each job on it with GNU time — the quarter-end batch, the same
# batch again (a no-op), the ledger, the bulletin, the assessment, verify, the 四性检测 (ducha check, every ODF
# document validated against the ODF 1.3 schemas), and the dossier twice (the second time every page count is
# known) — RUNS times each on a fresh archive, and prints the medians of wall
# seconds, CPU seconds (user + system) and peak memory.
#
#   scripts/bench-quarter.sh N [RUNS]        e.g. scripts/bench-quarter.sh 1000 3
#
# Environment: ARCHIVE_BASE (default /dev/shm, like the peer bench: no disk noise), QUARTER_DIR, DUCHA
# (default .build/release/ducha, built if missing), SKIP_DOSSIER=1 to leave out the dossier (it needs
# LibreOffice and takes minutes at 10,000 matters). The check finds the ODF schemas as ducha does (DUCHA_ODF_SCHEMA,
# else /usr/local/share/ducha/odf-schema); when neither has them, ../shared/odf-schema is used if it is there.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:?usage: scripts/bench-quarter.sh N [RUNS]}
RUNS=${2:-3}
BASE=${ARCHIVE_BASE:-/dev/shm}
DUCHA=${DUCHA:-.build/release/ducha}
[ -x "$DUCHA" ] || swift build -c release --product ducha >/dev/null
[ -x /usr/bin/time ] || { echo "需要 GNU time（apt-get install time）" >&2; exit 1; }
QUARTER=${QUARTER_DIR:-$BASE/ducha-quarter-$N}
if [ ! -f "$QUARTER/事项-2026Q1.json" ]; then
    GENERATOR=../shared/bench/scale/make-quarter.py
    [ -f "$GENERATOR" ] || { echo "找不到 $GENERATOR（或用 QUARTER_DIR 指明已生成的季度）" >&2; exit 1; }
    python3 "$GENERATOR" "$N" "$QUARTER" >/dev/null
fi
INPUTS=("$QUARTER/事项-2026Q1.json" "$QUARTER/事件-2026Q1.json")
STEPS=(batch rerun status bulletin assess verify check)
[ "${SKIP_DOSSIER:-0}" = 1 ] || STEPS+=(dossier dossier-known)
if [ -z "${DUCHA_ODF_SCHEMA:-}" ] && [ ! -f /usr/local/share/ducha/odf-schema/OpenDocument-v1.3-schema.rng ] \
    && [ -f ../shared/odf-schema/OpenDocument-v1.3-schema.rng ]; then
    export DUCHA_ODF_SCHEMA=$PWD/../shared/odf-schema
fi
RESULTS=$(mktemp)
REPORT=$(mktemp -d)
trap 'rm -rf "$RESULTS" "$REPORT"' EXIT

step() {  # step NAME ARCHIVE
    case $1 in
    batch | rerun) echo batch --as-of 2026-03-31 --quiet --archive "$2" "${INPUTS[@]}" ;;
    status) echo status --as-of 2026-03-31 --format csv --archive "$2" ;;
    bulletin) echo bulletin 2026Q1 --archive "$2" ;;
    assess) echo assess 2026 --as-of 2026-03-31 --archive "$2" ;;
    verify) echo verify --archive "$2" ;;
    check) echo check --year 2026 --date 2026-04-01 --report "$REPORT" --archive "$2" ;;
    dossier | dossier-known) echo dossier 2026 --archive "$2" ;;
    esac
}

for run in $(seq 1 "$RUNS"); do
    ARCHIVE="$BASE/ducha-bench-archive-$N-$run"
    rm -rf "$ARCHIVE"
    for name in "${STEPS[@]}"; do
        # shellcheck disable=SC2046
        /usr/bin/time -f "$name %e %U %S %M" -a -o "$RESULTS" "$DUCHA" $(step "$name" "$ARCHIVE") >/dev/null 2>&1 \
            || { echo "第 $run 次 $name 失败：$DUCHA $(step "$name" "$ARCHIVE")" >&2; exit 1; }
    done
    rm -rf "$ARCHIVE"
done

echo "N = $N 个事项，$RUNS 次的中位数（$(nproc) 核；档案在 $BASE）"
echo
echo "| 作业 | 墙钟秒 | CPU 秒（用户+系统） | 峰值内存 MiB |"
echo "| --- | ---: | ---: | ---: |"
for name in "${STEPS[@]}"; do
    awk -v n="$name" '$1 == n { print $2, $3 + $4, $5 / 1024 }' "$RESULTS" | sort -n -k2 | awk -v n="$name" '
        { w[NR] = $1; c[NR] = $2; m[NR] = $3 }
        END { k = int((NR + 1) / 2); printf "| %s | %.2f | %.2f | %.1f |\n", n, w[k], c[k], m[k] }'
done
