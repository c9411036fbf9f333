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
