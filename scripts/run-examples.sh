#!/usr/bin/env bash
# The main job on the shipped example quarter: installs dependencies, builds Ducha, runs the quarter-end
# batch on Examples/*.json (matters and events) into ./Archive, prints the ledger, and says what it wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
swift build -c release --product ducha 2>&1 | tail -1
DUCHA=.build/release/ducha
$DUCHA batch --as-of 2026-03-31 --quiet Examples/*.json
echo
$DUCHA status --as-of 2026-03-31
echo
echo "档案目录：$(pwd)/Archive"
echo "  事项档案（BagIt）：$(find Archive -path '*/data/matter.xml' | wc -l) 个"
for form in 督查通知单 领导批示转阅（办）单 督查催办单 督查退办单; do
    echo "  《${form}》：$(find Archive -name "${form}-*.odt" | wc -l) 份"
done
echo "  《西城政务督查》：$(find Archive -path '*/bulletins/data/*.odt' | wc -l) 期"
echo "  文号登记簿：$(ls Archive/*/registry.xml | tr '\n' ' ')"

# Demo accounts for the portal (ducha serve): a clerk, a leader, an archivist, and one account per 主责单位 of the
# example quarter, named after the unit; all with one demo password, read from standard input.
DEMO_PASSWORD=${DEMO_PASSWORD:-ducha-demo-2026}
EXISTING=$($DUCHA user list | cut -d' ' -f1)
add_account() {  # add_account NAME ROLE [UNIT]
    grep -qxF "$1" <<<"$EXISTING" && return 0
    if [ -n "${3:-}" ]; then
        echo "$DEMO_PASSWORD" | $DUCHA user add "$1" --role "$2" --unit "$3" >/dev/null
    else
        echo "$DEMO_PASSWORD" | $DUCHA user add "$1" --role "$2" >/dev/null
    fi
}
add_account clerk clerk
add_account leader leader
add_account archivist archivist
UNITS=$($DUCHA status --as-of 2026-03-31 --format csv | tail -n +2 | cut -d, -f5 | sort -u)
while read -r unit; do add_account "$unit" unit "$unit"; done <<<"$UNITS"
echo
echo "督查管理系统（网页）：$DUCHA serve --as-of 2026-04-10，然后在浏览器中打开 http://127.0.0.1:8080/"
echo "  演示账号（密码均为 $DEMO_PASSWORD）：督查员 clerk，领导 leader，档案员 archivist；"
echo "  承办单位账号以单位命名，共 $(wc -l <<<"$UNITS") 个，如 $(head -1 <<<"$UNITS")、$(sed -n 2p <<<"$UNITS")"
