#!/usr/bin/python3
"""Edit the 《督查通知单》 template in LibreOffice the way a template editor would, and save it in LibreOffice's
default format (ODF 1.3 Extended), so the fixture shows the markup the engine must cope with:
tags split across text:span elements by character formatting and by revision ids (officeooo:rsid).

Usage (normally through make-lo-edited.sh): lo_edit.py CONNECT-STRING IN.fodt OUT.odt [OUT.fodt]
Needs Python with the LibreOffice UNO bridge (Debian: python3-uno)."""
import os
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.awt.FontWeight import BOLD


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(conn, seconds=60):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + seconds
    while True:
        try:
            return resolver.resolve(f"uno:{conn};urp;StarOffice.ComponentContext")
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.3)


def find(doc, text):
    search = doc.createSearchDescriptor()
    search.SearchString = text
    found = doc.findFirst(search)
    if found is None:
        raise SystemExit(f"lo_edit: {text} not found in the template")
    return found


def main():
    conn, src, out_odt = sys.argv[1:4]
    out_fodt = sys.argv[4] if len(sys.argv) > 4 else None
    ctx = connect(conn)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
                                       (prop("Hidden", True),))
    controller = doc.getCurrentController()
    frame = controller.getFrame()

    def select(rng):
        controller.select(rng)

    def dispatch(command, *args):
        dispatcher.executeDispatch(frame, command, "", 0, tuple(args))

    def cursor_at(rng, skip, length):
        """A cursor over `length` characters of `rng`, starting `skip` characters in."""
        c = rng.getText().createTextCursorByRange(rng.getStart())
        c.goRight(skip, False)
        c.goRight(length, True)
        return c

    # 1. Bold the first half of {{事项名称}} ("{{事项" bold, "名称}}" not) — the Bold toolbar button.
    select(cursor_at(find(doc, "{{事项名称}}"), 0, 4))
    dispatch(".uno:Bold")

    # 2. Colour the first half of {{主责单位.名称}} red ("{{主责单" red) — the font colour control.
    select(cursor_at(find(doc, "{{主责单位.名称}}"), 0, 5))
    dispatch(".uno:Color", prop("Color", 0xC00000))

    # 3. Type words before and after {{办理时限|日期}} in its paragraph (typed text gets this session's rsid).
    r = find(doc, "{{办理时限|日期}}")
    c = r.getText().createTextCursorByRange(r.getStart())
    select(c)
    dispatch(".uno:InsertText", prop("Text", "最迟"))
    r = find(doc, "{{办理时限|日期}}")
    c = r.getText().createTextCursorByRange(r.getEnd())
    select(c)
    dispatch(".uno:InsertText", prop("Text", "（含当日）"))

    # 4. Fix a "typo" inside a tag: delete "姓名" of {{督查员.姓名}} and type it again. No formatting changes,
    #    only the revision id, so the tag is split by a span that looks like nothing in the editor.
    select(cursor_at(find(doc, "{{督查员.姓名}}"), 6, 2))
    dispatch(".uno:Delete")
    r = find(doc, "{{督查员.}}")
    select(cursor_at(r, 6, 0))
    dispatch(".uno:InsertText", prop("Text", "姓名"))

    # 5. Make one word of the 版头's tag italic through the API rather than the UI (some editors use macros).
    cur = cursor_at(find(doc, "{{机关名称}}"), 2, 2)
    cur.CharPosture = uno.Enum("com.sun.star.awt.FontSlant", "ITALIC")
    cur.CharPostureAsian = uno.Enum("com.sun.star.awt.FontSlant", "ITALIC")

    # Every edit must have landed: the tags read the same as before.
    for tag in ("{{事项名称}}", "{{主责单位.名称}}", "{{办理时限|日期}}", "{{督查员.姓名}}", "{{机关名称}}"):
        find(doc, tag)
    find(doc, "最迟{{办理时限|日期}}（含当日）")
    weight = cursor_at(find(doc, "{{事项名称}}"), 0, 1).CharWeight
    if weight != BOLD:
        raise SystemExit(f"lo_edit: bold did not apply (CharWeight {weight})")

    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out_odt)), (prop("FilterName", "writer8"),))
    if out_fodt:
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out_fodt)),
                       (prop("FilterName", "OpenDocument Text Flat XML"),))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass  # the bridge drops when the office quits


if __name__ == "__main__":
    main()
