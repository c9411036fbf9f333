#!/usr/bin/env python3
"""Makes Examples/台账-2026Q1.xlsx: the example quarter's matters as a ledger saved by LibreOffice.

The matter records of Examples/*.json (重点任务-2026Q1.json, 领导批示-2026Q1.json, in file-name
order, as the example tests read them) are exported to a CSV with the ledger template's headers
(LedgerColumns.matters in Sources/Intake/LedgerColumns.swift), then LibreOffice Calc converts the
CSV to XLSX, typing dates as dates and long digit strings as numbers the way it does for a clerk.
ExampleLedgerTests checks that the workbook reads back as exactly the JSON matters.

Regenerate (needs python3 and LibreOffice Calc, `apt-get install libreoffice-calc-nogui`):

    python3 Tests/IntakeTests/Fixtures/make-example-ledger.py

Write the CSV only (to standard output) with --csv.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
EXAMPLES = os.path.join(ROOT, "Examples")
OUTPUT = os.path.join(EXAMPLES, "台账-2026Q1.xlsx")

# (header, key path): the template's columns, in its order.
COLUMNS = [
    ("事项编号", ["编号"]), ("督查事项名称", ["事项名称"]), ("事项类型", ["事项类型"]), ("办理方式", ["办理方式"]),
    ("事项来源（第七条）", ["事项来源"]), ("立项依据", ["立项依据"]),
    ("批示领导", ["领导批示", "领导"]), ("批示日期", ["领导批示", "日期"]), ("批示内容", ["领导批示", "内容"]),
    ("主责单位", ["主责单位", "名称"]), ("主责单位联系人", ["主责单位", "联系人"]), ("主责单位电话", ["主责单位", "电话"]),
    ("协办单位", ["协办单位", "名称"]), ("协办单位联系人", ["协办单位", "联系人"]), ("协办单位电话", ["协办单位", "电话"]),
    ("办理要求", ["办理要求"]), ("立项日期", ["立项日期"]), ("交办日期", ["交办日期"]), ("办理时限", ["办理时限"]),
    ("紧急程度", ["紧急程度"]), ("密级", ["密级"]), ("新闻媒体曝光事项", ["媒体曝光"]), ("督查员", ["督查员", "姓名"]),
    ("督查员电话", ["督查员", "电话"]), ("签发人", ["签发人"]), ("附件", ["附件"]), ("备注", ["备注"]),
]


def cell(record, path):
    value = record.get(path[0])
    if value is None:
        return ""
    if len(path) == 2 and isinstance(value, dict):
        return value.get(path[1], "")
    if len(path) == 2 and isinstance(value, list):
        # 协办单位: names joined by 、; contacts and phones beside them, "-" for a unit that has none.
        items = [unit.get(path[1], "") for unit in value]
        if path[1] != "名称" and not any(items):
            return ""
        return "、".join(item or "-" for item in items)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "\n".join(value)
    return value


def matter_files():
    files = []
    for name in sorted(os.listdir(EXAMPLES)):
        if not name.endswith(".json"):
            continue
        data = json.load(open(os.path.join(EXAMPLES, name), encoding="utf-8"))
        records = data if isinstance(data, list) else data.get("事项", [])
        if records and "事件" not in records[0]:
            files.append(records)
    return files


def csv_text():
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([header for header, _ in COLUMNS])
    for records in matter_files():
        for record in records:
            writer.writerow([cell(record, path) for _, path in COLUMNS])
    return out.getvalue()


def main():
    if "--csv" in sys.argv:
        sys.stdout.write(csv_text())
        return
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("make-example-ledger: LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "事项.csv")  # LibreOffice names the sheet after the file
        with open(source, "w", encoding="utf-8-sig", newline="") as f:
            f.write(csv_text())
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless",
             "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", folder, source],
            check=True, stdout=subprocess.DEVNULL)
        shutil.copyfile(os.path.join(folder, "事项.xlsx"), OUTPUT)
    print("wrote", OUTPUT)


if __name__ == "__main__":
    main()
