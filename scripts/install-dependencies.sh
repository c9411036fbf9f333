#!/usr/bin/env bash
# Installs what Ducha needs on Debian 12: the C libraries it links (libxml2, libzip, OpenSSL 3 libcrypto for
# SM3/SM2), the tools its tests and PDF output use (xmllint, LibreOffice Writer, the official fonts' free
# stand-ins, poppler, bagit.py, openssl, unzip), and the portal's browser test and load script (Chromium with its
# driver, Selenium, wrk), and the OASIS ODF 1.3 RELAX NG schemas `ducha check` validates documents by.
# The Swift toolchain (6.1 or later) must already be on the PATH.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
    pkg-config libxml2-dev libzip-dev libssl-dev openssl libxml2-utils \
    libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk fonts-noto-cjk-extra fontconfig poppler-utils \
    python3 time unzip chromium chromium-driver wrk >/dev/null
# The free stand-ins for 仿宋_GB2312 and 楷体_GB2312 (FandolFang, FandolKai; with FandolHei and FandolSong), each
# with all 6,763 GB2312 hanzi, ship in Debian only inside texlive-lang-chinese (the one Debian 仿宋 otherwise,
# fonts-cwtex-fs, lacks 2,379 of them). Only the six font files are taken from that package, not TeX.
FANDOL=/usr/local/share/fonts/fandol
if [ ! -f "$FANDOL/FandolFang-Regular.otf" ]; then
    WORK=$(mktemp -d)
    (cd "$WORK" && apt-get download -qq texlive-lang-chinese 2>/dev/null && dpkg-deb -x texlive-lang-chinese_*.deb x)
    $SUDO mkdir -p "$FANDOL"
    $SUDO cp "$WORK"/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol{Fang-Regular,Kai-Regular,Hei-Regular,Hei-Bold,Song-Regular,Song-Bold}.otf "$FANDOL/"
    rm -rf "$WORK"
    $SUDO fc-cache -f "$FANDOL" >/dev/null
fi
if ! command -v bagit.py >/dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check bagit 2>/dev/null \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages bagit
fi
if ! python3 -c "import selenium" >/dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check selenium 2>/dev/null \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages selenium
fi
# The OASIS ODF 1.3 schemas, unmodified, where `ducha check` looks by default (--odf-schema DIR or
# $DUCHA_ODF_SCHEMA name another folder). They are taken from ../shared/odf-schema beside the checkout when it is
# there; Ducha ships no copy.
SCHEMAS=/usr/local/share/ducha/odf-schema
SHARED_SCHEMAS="$(cd "$(dirname "$0")/.." && pwd)/../shared/odf-schema"
RNG=(OpenDocument-v1.3-schema.rng OpenDocument-v1.3-manifest-schema.rng OpenDocument-v1.3-dsig-schema.rng)
if [ -f "$SHARED_SCHEMAS/${RNG[0]}" ] && [ -f "$SHARED_SCHEMAS/${RNG[1]}" ] && [ -f "$SHARED_SCHEMAS/${RNG[2]}" ]; then
    $SUDO mkdir -p "$SCHEMAS"
    for file in "${RNG[@]}"; do
        cmp -s "$SHARED_SCHEMAS/$file" "$SCHEMAS/$file" || $SUDO install -m 0644 "$SHARED_SCHEMAS/$file" "$SCHEMAS/$file"
    done
    echo "ODF 1.3 模式已装到 $SCHEMAS"
elif [ ! -f "$SCHEMAS/${RNG[0]}" ] || [ ! -f "$SCHEMAS/${RNG[1]}" ]; then
    echo "未找到 ODF 1.3 模式（$SHARED_SCHEMAS）：ducha check 将把“内容数据的可读性”的严格校验记为未检测。" \
        "请从 https://docs.oasis-open.org/office/OpenDocument/v1.3/os/schemas/ 取得 ${RNG[*]}，原样放入 $SCHEMAS" >&2
fi
echo "依赖已就绪：$(pkg-config --modversion libxml-2.0) (libxml2), $(pkg-config --modversion libzip) (libzip), $(pkg-config --modversion libcrypto) (libcrypto), $(soffice --version 2>/dev/null | head -1)"
