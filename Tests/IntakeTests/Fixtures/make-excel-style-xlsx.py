#!/usr/bin/env python3
"""Writes excel-style.xlsx: a ledger the way Microsoft Excel (Chinese locale) writes one.

Python standard library only. Regenerate with

    python3 Tests/IntakeTests/Fixtures/make-excel-style-xlsx.py

What it exercises (LedgerFixtureTests checks every one):
  * parts found through relationships, with Excel's names and content types, docProps, theme;
  * shared strings (rich-text runs and a phonetic guide <rPh> that must not be read),
    inline strings (t="inlineStr"), a formula's cached string (t="str"), booleans (t="b");
  * dates as serial numbers under built-in format 14, the Chinese built-in format 31, and a
    custom format 'yyyy"年"m"月"d"日"' (numFmtId 176), plus a date typed as text;
  * a phone number stored as a number; _x000D_ escapes and line breaks inside cells;
  * a title row merged across the sheet, then a two-row header whose groups (主责单位,
    领导批示, 督查员) are merged across their columns and whose other cells are merged down;
  * rows that hold nothing but formatting at the end (Excel keeps them after a clear);
  * a second sheet 事件 and a third sheet 填表说明 (not read).

It also writes prefixed.xlsx (see the end of this script).
"""
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

strings = []


def sst(text):
    if text not in strings:
        strings.append(text)
    return strings.index(text)


def col(n):
    name = ""
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def serial(y, m, d):
    import datetime
    return (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days


# Styles (cellXfs): 0 general, 1 header bold, 2 date 14, 3 date 176 (custom Chinese),
# 4 date 31 (built-in Chinese), 5 text @ wrapped, 6 general with fill (formatting only).
def c(ref, value, style=None):
    """A cell: str -> shared string, ('inline', s), ('str', s), bool, int/float, ('date', y, m, d, style)."""
    s = f' s="{style}"' if style is not None else ""
    if value is None:
        return f'<c r="{ref}"{s}/>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    if isinstance(value, tuple) and value[0] == "inline":
        return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{escape(value[1])}</t></is></c>'
    if isinstance(value, tuple) and value[0] == "str":
        return f'<c r="{ref}"{s} t="str"><f>CONCATENATE("2026","-","010")</f><v>{escape(value[1])}</v></c>'
    if isinstance(value, tuple) and value[0] == "rich":
        # Shared rich text: runs plus a phonetic guide.
        strings.append(value[1])
        return f'<c r="{ref}"{s} t="s"><v>{len(strings) - 1}</v></c>'
    return f'<c r="{ref}"{s} t="s"><v>{sst(value)}</v></c>'


def row(number, cells, extra=""):
    return f'<row r="{number}"{extra}>' + "".join(cells) + "</row>"


# ---------------------------------------------------------------- 事项 sheet
# Columns: A 序号 | B 事项编号 | C 督查事项名称 | D 事项类型 | E 办理方式 | F 事项来源 | G 立项依据 |
# H-J 领导批示 (批示领导 批示日期 批示内容) | K-M 主责单位 (名称 联系人 电话) | N 协办单位 |
# O 协办单位联系人 | P 协办单位电话 | Q 办理要求 | R 立项日期 | S 交办日期 | T 办理时限 | U 紧急程度 |
# V 新闻媒体曝光事项 | W-X 督查员 (姓名 电话) | Y 备注 | Z 经办科室 (unknown column)
top = {1: "序号", 2: "事项编号", 3: "督查事项名称", 4: "事项类型", 5: "办理方式", 6: "事项来源（第七条）",
       7: "立项依据", 8: "领导批示", 11: "主责单位", 14: "协办单位", 15: "协办单位联系人", 16: "协办单位电话",
       17: "办理要求", 18: "立项日期", 19: "交办日期", 20: "办理时限", 21: "紧急程度", 22: "新闻媒体曝光事项",
       23: "督查员", 25: "备注", 26: "经办科室"}
below = {8: "批示领导", 9: "批示日期", 10: "批示内容", 11: "名称", 12: "联系人", 13: "电话", 23: "姓名", 24: "电话"}
merges = ["A1:Z1", "H2:J2", "K2:M2", "W2:X2"] + [f"{col(n)}2:{col(n)}3" for n in top if n not in (8, 11, 23)]

rows = [row(1, [c("A1", "西城区人民政府督查室 督查事项台账（2026年第一季度）", 1)], ' ht="30" customHeight="1"')]
rows.append(row(2, [c(f"{col(n)}2", top.get(n), 1) for n in range(1, 27)]))
rows.append(row(3, [c(f"{col(n)}3", below.get(n), 1) for n in range(1, 27)]))

kind_a = {
    1: 1, 2: "2026-101", 3: ("inline", "全年启动老旧小区综合整治30个、完成改造15个"), 4: "重点任务", 5: "督办",
    6: "重大决策和重要事项",
    7: ("rich", '<si><r><rPr><b/><sz val="11"/></rPr><t>《北京市西城区2026年政府工作报告》</t></r>'
                '<r><t>重点任务分解（西政发〔2026〕2号）第12项</t></r>'
                '<rPh sb="0" eb="2"><t>ホウコク</t></rPh><phoneticPr fontId="1"/></si>'),
    11: "区住房城市建设委", 12: "钱晓峰", 13: "010-83292235",
    14: "区财政局、德胜街道", 15: "冯雪梅、-", 16: "010-83292841\n139 1001 2345转8",
    17: "请于2026年1月30日前报送方案。\n此后每月5日前报送进展。",
    18: ("date", 2026, 1, 5, 2), 19: ("date", 2026, 1, 6, 4), 20: ("date", 2026, 6, 30, 3), 21: "加急",
    22: False, 23: "刘晓梅", 24: ("inline", "+86 (10) 8329-1235"), 26: "综合科",
}
kind_b = {
    1: 2, 2: ("str", "2026-102"), 3: "关于做好流感高发期医疗机构门急诊服务保障工作的批示", 4: "领导批示",
    5: "督办", 6: "领导批示和交办事项", 7: "市政府督查室《领导批示件转办单》（京政督转〔2026〕5号）",
    8: "孙立平区长", 9: "2026年1月5日",
    10: "请卫健委抓紧落实市领导批示精神。_x000D_\n情况及时报我。",
    11: "区卫生健康委", 12: "周丽萍", 13: 83292512,
    14: "区医保局", 15: "张敏", 16: "010-83294253",
    17: ("inline", "请区卫生健康委立即组织辖区二级以上医院优化门急诊流程。"),
    18: ("date", 2026, 1, 6, 2), 19: serial(2026, 1, 6), 20: ("date", 2026, 1, 13, 3), 21: "特急", 22: True,
    23: "刘晓梅", 24: "010-83291235", 25: "市领导批示件",
}


def data_row(number, values):
    cells = []
    for n in range(1, 27):
        v = values.get(n)
        ref = f"{col(n)}{number}"
        if isinstance(v, tuple) and v[0] == "date":
            cells.append(c(ref, serial(v[1], v[2], v[3]), v[4]))
        elif v is None:
            continue
        else:
            cells.append(c(ref, v, 5 if isinstance(v, str) else None))
    return row(number, cells)


rows.append(data_row(4, kind_a))
rows.append(data_row(5, kind_b))
# Formatting left behind: empty styled cells, as Excel keeps them after clearing contents.
for number in (6, 7, 40):
    rows.append(row(number, [c(f"{col(n)}{number}", None, 6) for n in (2, 3, 18)]))

matters_sheet = (
    f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:Z40"/>'
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="3" topLeftCell="A4" '
    'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="B4" sqref="B4"/></sheetView></sheetViews>'
    '<sheetFormatPr defaultRowHeight="13.5" x14ac:dyDescent="0.15" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"/>'
    '<cols><col min="1" max="1" width="5.375" customWidth="1"/><col min="2" max="26" width="14.625" customWidth="1"/></cols>'
    "<sheetData>" + "".join(rows) + "</sheetData>"
    f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
    '<phoneticPr fontId="1" type="noConversion"/>'
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
    '<pageSetup paperSize="9" orientation="landscape"/></worksheet>'
)

# ---------------------------------------------------------------- 事件 sheet
event_header = ["事项编号", "事件", "日期", "审定人", "签收人", "主管领导", "说明"]
event_rows = [row(1, [c(f"{col(i + 1)}1", h, 1) for i, h in enumerate(event_header)])]
event_rows.append(row(2, [c("A2", "2026-101"), c("B2", "审定"), c("C2", serial(2026, 1, 5), 2), c("D2", "区政府常务会议")]))
event_rows.append(row(3, [c("A3", "2026-102"), c("B3", ("inline", "签收")), c("C3", "2026/1/7"), c("E3", "周丽萍"),
                          c("F3", "区卫生健康委主任 王建华"), c("G3", "电话签收。\n已转医政科。")]))
events_sheet = (
    f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1:G3"/>'
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="13.5"/>'
    "<sheetData>" + "".join(event_rows) + "</sheetData>"
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
)

help_sheet = (
    f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetData>'
    + row(1, [c("A1", "说明"), c("B1", "此表不导入")]) + "</sheetData></worksheet>"
)

shared = (
    f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">'
    + "".join(s if s.startswith("<si>") else f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings)
    + "</sst>"
)

styles = (
    f'<styleSheet xmlns="{MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="宋体"/><family val="2"/><charset val="134"/>'
    '<scheme val="minor"/></font><font><sz val="9"/><name val="宋体"/><family val="3"/><charset val="134"/><scheme val="minor"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf></cellStyleXfs>'
    '<cellXfs count="7">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf>'
    '<xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf>'
    '<xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"><alignment vertical="center"/></xf>'
    '</cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
    "</styleSheet>"
)

workbook = (
    f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/>'
    '<workbookPr filterPrivacy="1" defaultThemeVersion="164011"/><bookViews><workbookView xWindow="0" yWindow="0" '
    'windowWidth="28800" windowHeight="12300"/></bookViews><sheets>'
    '<sheet name="事项" sheetId="1" r:id="rId1"/><sheet name="事件" sheetId="2" r:id="rId2"/>'
    '<sheet name="填表说明" sheetId="3" r:id="rId3"/></sheets><calcPr calcId="162913"/></workbook>'
)

workbook_rels = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId3" Type="{REL}/worksheet" Target="worksheets/sheet3.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/worksheet" Target="worksheets/sheet2.xml"/>'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId6" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId5" Type="{REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId4" Type="{REL}/theme" Target="theme/theme1.xml"/></Relationships>'
)

root_rels = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)

ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
content_types = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
    + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{ct}.worksheet+xml"/>' for i in (1, 2, 3))
    + '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'
)

core = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>督查室</dc:creator>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-05T01:00:00Z</dcterms:created></cp:coreProperties>'
)
app = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>Microsoft Excel</Application><AppVersion>16.0300</AppVersion></Properties>"
)
theme = '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office 主题"><a:themeElements/></a:theme>'

DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
parts = [
    ("[Content_Types].xml", content_types), ("_rels/.rels", root_rels), ("docProps/app.xml", app),
    ("docProps/core.xml", core), ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", workbook_rels),
    ("xl/theme/theme1.xml", theme), ("xl/worksheets/sheet1.xml", matters_sheet),
    ("xl/worksheets/sheet2.xml", events_sheet), ("xl/worksheets/sheet3.xml", help_sheet),
    ("xl/styles.xml", styles), ("xl/sharedStrings.xml", shared),
]
with zipfile.ZipFile(os.path.join(HERE, "excel-style.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts:
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 5, 9, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, DECL + text)
print("wrote", os.path.join(HERE, "excel-style.xlsx"))

# prefixed.xlsx: the smallest workbook some generators write — every element under an `x:` prefix,
# inline strings only, no shared strings, no styles, no package relationships (the workbook is at
# its usual place), cells without `r` attributes.
X = 'xmlns:x="%s" xmlns:r="%s"' % (MAIN, REL)
prefixed_sheet = (
    f"<x:worksheet {X}><x:sheetData>"
    '<x:row><x:c t="inlineStr"><x:is><x:t>事项编号</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>事件</x:t></x:is></x:c>'
    '<x:c t="inlineStr"><x:is><x:t>日期</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>签收人</x:t></x:is></x:c></x:row>'
    '<x:row><x:c t="inlineStr"><x:is><x:t>2026-101</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>签收</x:t></x:is></x:c>'
    '<x:c><x:v>46028</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>钱</x:t></x:r><x:r><x:t>晓峰</x:t></x:r></x:is></x:c></x:row>'
    "</x:sheetData></x:worksheet>"
)
prefixed = [
    ("[Content_Types].xml", content_types),
    ("xl/workbook.xml", f'<x:workbook {X}><x:sheets><x:sheet name="登记" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>'),
    ("xl/_rels/workbook.xml.rels",
     '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
     f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>'),
    ("xl/worksheets/sheet1.xml", prefixed_sheet),
]
with zipfile.ZipFile(os.path.join(HERE, "prefixed.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in prefixed:
        z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 5, 9, 0, 0)), DECL + text, compress_type=zipfile.ZIP_DEFLATED)
print("wrote", os.path.join(HERE, "prefixed.xlsx"))
