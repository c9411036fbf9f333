#!/usr/bin/env bash
# Regenerate the LibreOffice-edited fixtures of the 《督查通知单》 template:
#   督查通知单-LibreOffice编辑.odt   (LibreOffice's default save format: ODF 1.3 Extended, loext:/officeooo: markup)
#   督查通知单-LibreOffice编辑.fodt  (the same document as flat XML)
# It opens Templates/督查通知单.fodt in headless LibreOffice through UNO (lo_edit.py), makes real edits that
# split tags across text:span elements (bold / colour on half a tag, text typed next to a tag, a tag
# retyped in part), saves, and lists the tags that content.xml now holds split.
# Needs: LibreOffice (soffice) and a Python with the UNO bridge (Debian: apt-get install -y python3-uno).
# The outputs are not byte-reproducible (LibreOffice writes random rsids and the save time); they are kept in git.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
SRC="$ROOT/Templates/督查通知单.fodt"
OUT_ODT="$HERE/督查通知单-LibreOffice编辑.odt"
OUT_FODT="$HERE/督查通知单-LibreOffice编辑.fodt"

PY=
for candidate in /usr/bin/python3 /usr/lib/libreoffice/program/python python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import uno' 2>/dev/null; then PY=$candidate; break; fi
done
[ -n "$PY" ] || { echo "make-lo-edited: no Python with the UNO bridge; install it: apt-get install -y python3-uno" >&2; exit 1; }
command -v soffice >/dev/null || { echo "make-lo-edited: soffice (LibreOffice) not found" >&2; exit 1; }

WORK=$(mktemp -d /tmp/ducha-lo-edit.XXXXXX)
PIPE="ducha_lo_edit_$$"
OFFICE_PID=
cleanup() {
    if [ -n "$OFFICE_PID" ] && kill -0 "$OFFICE_PID" 2>/dev/null; then
        # our soffice (oosplash) and the soffice.bin it started, by id
        for child in $(pgrep -P "$OFFICE_PID" 2>/dev/null || true); do kill "$child" 2>/dev/null || true; done
        kill "$OFFICE_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

cp "$SRC" "$WORK/督查通知单.fodt"
# A fresh profile keeps LibreOffice's defaults: in particular it saves "ODF 1.3 Extended", which is the point.
soffice "-env:UserInstallation=file://$WORK/profile" --headless --invisible --norestore --nologo --nodefault \
    "--accept=pipe,name=$PIPE;urp;" >"$WORK/soffice.log" 2>&1 &
OFFICE_PID=$!

"$PY" "$HERE/lo_edit.py" "pipe,name=$PIPE" "$WORK/督查通知单.fodt" "$WORK/out.odt" "$WORK/out.fodt"
for _ in $(seq 1 100); do kill -0 "$OFFICE_PID" 2>/dev/null || break; sleep 0.1; done

mv "$WORK/out.odt" "$OUT_ODT"
mv "$WORK/out.fodt" "$OUT_FODT"
soffice_version=$(soffice --version 2>/dev/null | head -1 || true)
echo "saved with ${soffice_version:-LibreOffice}:"
echo "  $OUT_ODT"
echo "  $OUT_FODT"

# Which tags does content.xml hold split across elements?
python3 - "$OUT_ODT" <<'PY'
import re, sys, zipfile
import xml.etree.ElementTree as ET
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
z = zipfile.ZipFile(sys.argv[1])
root = ET.fromstring(z.read("content.xml"))
office_version = root.get("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}version")
foreign = sorted({m for m in re.findall(rb'xmlns:(loext|officeooo|calcext|field|formx)=', z.read("content.xml") + z.read("styles.xml"))})
print(f"content.xml: office:version={office_version}; extension namespaces declared: {', '.join(f.decode() for f in foreign) or 'none'}")
def chunks(el, path):
    """(text, element path) for every text piece of a paragraph, in reading order."""
    if el.text: yield el.text, path
    for child in el:
        tag = child.tag.split("}")[1]
        name = child.get(f"{{{TEXT}}}style-name")
        inner = path + [f"{tag}[{name}]" if name else tag]
        if not child.text and len(child) == 0:
            yield "", inner  # an empty element such as text:soft-page-break or text:bookmark
        yield from chunks(child, inner)
        if child.tail: yield child.tail, path
split = 0
for p in root.iter(f"{{{TEXT}}}p"):
    pieces = list(chunks(p, []))
    text = "".join(t for t, _ in pieces)
    for m in re.finditer(r"\{\{[^{}]*\}\}", text):
        pos, parts = 0, []
        for t, path in pieces:
            a, b = max(m.start(), pos), min(m.end(), pos + len(t))
            if a < b or (not t and m.start() < pos < m.end()):
                parts.append((t[a - pos:b - pos], "/".join(path) or "p"))
            pos += len(t)
        if len(parts) > 1:
            split += 1
            print(f"  split: {m.group(0)}  =  " + " + ".join(f"{s!r} in {where}" for s, where in parts))
print(f"{split} tag(s) split across elements")
sys.exit(0 if split else 1)
PY
