/// The `xl/styles.xml` of written workbooks; its `cellXfs` are ``XLSXWriter/Style``: 0 general,
/// 1 header (bold, shaded, wrapped), 2 date (`yyyy-mm-dd`, custom format 176 as Chinese Excel
/// numbers them), 3 text (`@`, wrapped, top-aligned).
enum XLSXStyleSheet {
    static let bytes: [UInt8] = Array(
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
        <fonts count="2">\
        <font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>\
        <font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>\
        </fonts>\
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="4">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">\
        <alignment vertical="center" wrapText="1"/></xf>\
        <xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">\
        <alignment vertical="top" wrapText="1"/></xf>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """.utf8)
}
