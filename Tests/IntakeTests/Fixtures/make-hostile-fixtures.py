#!/usr/bin/env python3
"""Writes the hostile workbooks ledger intake must refuse (HostileWorkbookTests), small files
made with the Python standard library only. Regenerate with

    python3 Tests/IntakeTests/Fixtures/make-hostile-fixtures.py

  hostile/bomb.xlsx          a sheet that inflates from ~40 KB to 40 MiB (ratio ~1000:1)
  hostile/bomb-lying.xlsx    a sheet whose zip headers declare 2 KB but whose data inflates to 1 MiB
  hostile/xxe.xlsx           shared strings with an external entity (file:///etc/passwd)
  hostile/laughs.xlsx        a sheet with the "billion laughs" entity expansion
  hostile/dotdot.xlsx        an entry named ../../etc/cron.d/ducha
  hostile/encrypted.ods      an ODS whose manifest declares encryption
  hostile/repeated.ods       a sheet that declares 1,048,576 rows of 16,384 empty cells, then the
                             same with one non-empty cell repeated over every row (must be refused)
  hostile/台账-gbk.csv        a ledger CSV saved as GBK, the way Excel on Chinese Windows saves "CSV"
"""
import os
import struct
import zipfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")
os.makedirs(HERE, exist_ok=True)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def xlsx(path, sheet, shared=None, extra=()):
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = [
        ("[Content_Types].xml",
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
         f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/></Types>'),
        ("_rels/.rels",
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml",
         f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="事项" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
         f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml", sheet),
    ]
    if shared is not None:
        parts.append(("xl/sharedStrings.xml", shared))
    parts.extend(extra)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            data = text if isinstance(text, bytes) else (text if text.startswith("<?xml") or text.startswith("<!") else DECL + text).encode()
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 5, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def sheet_xml(rows):
    return f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'


plain_sheet = sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')

# A zip bomb: 40 MiB of blank rows deflate to about 40 KB.
bomb = (DECL + f'<worksheet xmlns="{MAIN}"><sheetData>' + " " * (40 << 20) + "</sheetData></worksheet>").encode()
xlsx(os.path.join(HERE, "bomb.xlsx"), bomb, "<sst xmlns=\"%s\"><si><t>x</t></si></sst>" % MAIN)

# A bomb that lies: its headers say 2 KB, its data inflates to 1 MiB.
lying_path = os.path.join(HERE, "bomb-lying.xlsx")
lying = (DECL + f'<worksheet xmlns="{MAIN}"><sheetData>' + " " * (1 << 20) + "</sheetData></worksheet>").encode()
xlsx(lying_path, lying, "<sst xmlns=\"%s\"><si><t>x</t></si></sst>" % MAIN)
data = bytearray(open(lying_path, "rb").read())
name = b"xl/worksheets/sheet1.xml"
local = 0
while True:
    local = data.find(b"PK\x03\x04", local)
    n = struct.unpack_from("<H", data, local + 26)[0]
    if data[local + 30:local + 30 + n] == name:
        struct.pack_into("<I", data, local + 22, 2048)
        break
    local += 4
central = data.find(b"PK\x01\x02")
while central != -1:
    n = struct.unpack_from("<H", data, central + 28)[0]
    if data[central + 46:central + 46 + n] == name:
        struct.pack_into("<I", data, central + 24, 2048)
    central = data.find(b"PK\x01\x02", central + 4)
open(lying_path, "wb").write(data)

# External entity in the shared strings.
xlsx(os.path.join(HERE, "xxe.xlsx"), plain_sheet,
     '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE sst [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
     f'<sst xmlns="{MAIN}"><si><t>&xxe;</t></si></sst>')

# Billion laughs in the sheet.
names = ["lol"] + [f"lol{i}" for i in range(2, 10)]
laughs = ['<!ENTITY lol "lol">'] + [
    f'<!ENTITY {names[i]} "' + f"&{names[i - 1]};" * 10 + '">' for i in range(1, len(names))]
xlsx(os.path.join(HERE, "laughs.xlsx"),
     '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n ' + "\n ".join(laughs) + "\n]>\n"
     + f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>',
     "<sst xmlns=\"%s\"><si><t>x</t></si></sst>" % MAIN)

# An entry that climbs out of the folder it would be extracted to.
xlsx(os.path.join(HERE, "dotdot.xlsx"), plain_sheet, "<sst xmlns=\"%s\"><si><t>x</t></si></sst>" % MAIN,
     extra=[("../../etc/cron.d/ducha", b"* * * * * root rm -rf /\n")])


def ods(path, content, manifest_extra=""):
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{manifest_extra}</manifest:file-entry>'
        "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype", date_time=(2026, 1, 5, 0, 0, 0)),
                   "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        for name, text in (("content.xml", content), ("META-INF/manifest.xml", manifest)):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 5, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)


NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def content(tables):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS} office:version="1.3">'
            f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>")


ods(os.path.join(HERE, "encrypted.ods"), "\x8b\x13 not XML: encrypted bytes \x00\x01",
    '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
    '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
    '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" manifest:salt="AAAA"/>'
    "</manifest:encryption-data>")

empty_rows = ('<table:table table:name="空表"><table:table-column table:number-columns-repeated="16384"/>'
              '<table:table-row table:number-rows-repeated="1048576">'
              '<table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>')
full_rows = ('<table:table table:name="满表"><table:table-row table:number-rows-repeated="1048576">'
             '<table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
             "<text:p>x</text:p></table:table-cell></table:table-row></table:table>")
ods(os.path.join(HERE, "repeated.ods"), content(empty_rows + full_rows))
ods(os.path.join(HERE, "repeated-empty.ods"), content(empty_rows))

# A ledger CSV in GBK: one matter, the way Excel on Chinese Windows saves "CSV (逗号分隔)".
csv_text = (
    "事项编号,督查事项名称,事项类型,事项来源,立项依据,主责单位,主责单位联系人,主责单位电话,办理要求,立项日期,办理时限,督查员,督查员电话\r\n"
    "2026-201,做好春节期间烟花爆竹禁放管控工作,重点任务,重要会议决定事项,区政府第60次常务会议纪要,"
    "西城公安分局,吕东,010-83294031,\"加强巡逻管控。\n做好宣传引导。\",2026/1/20,2026年2月28日,刘晓梅,010-83291235\r\n"
)
open(os.path.join(HERE, "台账-gbk.csv"), "wb").write(csv_text.encode("gbk"))
open(os.path.join(HERE, "台账-utf8.csv"), "wb").write(csv_text.encode("utf-8"))
for name in sorted(os.listdir(HERE)):
    print(name, os.path.getsize(os.path.join(HERE, name)))
