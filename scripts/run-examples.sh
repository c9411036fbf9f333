#!/usr/bin/env bash
# The main job on the shipped example quarter: installs dependencies, builds Ducha, takes in
# Examples/*.json, issues every 《督查通知单》 into ./Archive, and says what it wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
swift build -c release --product ducha 2>&1 | tail -1
DUCHA=.build/release/ducha
$DUCHA intake Examples/*.json
$DUCHA notice --all
echo
echo "档案目录：$(pwd)/Archive"
echo "  事项档案（BagIt）：$(find Archive -mindepth 2 -maxdepth 2 -type d | wc -l) 个"
echo "  《督查通知单》：$(find Archive -name '督查通知单-*.odt' | wc -l) 份"
echo "  文号登记簿：$(ls Archive/*/registry.xml | tr '\n' ' ')"
