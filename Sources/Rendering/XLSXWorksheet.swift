import ODF

/// One `xl/worksheets/sheetN.xml`: the title row (merged across the columns), the header rows (frozen, with
/// the title), the data rows, the notes (each merged across), the column widths and formats, and drop-down
/// lists (`dataValidation`) for columns with choices. Dates are Excel serial days under the date style.
enum XLSXWorksheet {
    /// Cell style indexes in ``XLSXStyleSheet``.
    enum Style: Int {
        case general = 0
        case header
        case date
        case text
        case percentage
    }

    static func bytes(_ sheet: Spreadsheet.Sheet, selected: Bool, strings: inout SharedStringTable) -> [UInt8] {
        var lines: [(cells: [Spreadsheet.Cell], header: Bool)] = []
        if let title = sheet.title { lines.append(([.text(title)], true)) }
        lines += sheet.header.map { line in (line.map { .text($0) }, true) }
        let frozen = lines.count
        lines += sheet.rows.map { ($0, false) }
        let notesStart = lines.count
        lines += sheet.notes.map { ([.text($0)], false) }

        var rows: [XMLNode] = []
        for (index, line) in lines.enumerated() {
            var cells: [XMLNode] = []
            for (column, value) in line.cells.enumerated() where value != .empty {
                let reference = columnName(column + 1) + String(index + 1)
                cells.append(.element(cell(value, reference: reference, header: line.header, strings: &strings)))
            }
            rows.append(
                .element(XMLElement("row", attributes: [XMLAttribute("r", String(index + 1))], children: cells)))
        }
        var merged: [Int] = sheet.title == nil ? [] : [1]
        merged += (notesStart..<lines.count).map { $0 + 1 }

        var children: [XMLNode] = [
            .element(XMLElement("sheetViews", children: [view(frozen: frozen, selected: selected)])),
            XLSXWriter.element("sheetFormatPr", ["defaultRowHeight": "13.5"]),
            .element(
                XMLElement(
                    "cols",
                    children: sheet.columns.enumerated().map { index, column in
                        let style: Style = column.isText ? .text : .general
                        return XLSXWriter.element(
                            "col",
                            [
                                "min": String(index + 1), "max": String(index + 1), "width": column.width.excelWidth,
                                "style": String(style.rawValue), "customWidth": "1",
                            ])
                    })),
            .element(XMLElement("sheetData", children: rows)),
        ]
        let last = columnName(max(sheet.columns.count, 1))
        if sheet.columns.count > 1, !merged.isEmpty {
            children.append(
                .element(
                    XMLElement(
                        "mergeCells", attributes: [XMLAttribute("count", String(merged.count))],
                        children: merged.map { XLSXWriter.element("mergeCell", ["ref": "A\($0):\(last)\($0)"]) })))
        }
        let validations = sheet.columns.enumerated().filter { !$0.element.choices.isEmpty }.map { index, column in
            let letters = columnName(index + 1)
            return XMLNode.element(
                XMLElement(
                    "dataValidation",
                    attributes: [
                        XMLAttribute("type", "list"), XMLAttribute("allowBlank", "1"),
                        XMLAttribute("showErrorMessage", "1"),
                        XMLAttribute(
                            "sqref", "\(letters)\(frozen + 1):\(letters)\(frozen + Spreadsheet.validatedRows)"),
                    ],
                    children: [
                        .element(
                            XMLElement(
                                "formula1", children: [.text("\"" + column.choices.joined(separator: ",") + "\"")]))
                    ]))
        }
        if !validations.isEmpty {
            children.append(
                .element(
                    XMLElement(
                        "dataValidations", attributes: [XMLAttribute("count", String(validations.count))],
                        children: validations)))
        }
        children.append(
            XLSXWriter.element(
                "pageMargins",
                [
                    "left": "0.7", "right": "0.7", "top": "0.75", "bottom": "0.75", "header": "0.3", "footer": "0.3",
                ]))
        return XLSXWriter.document(
            XMLElement(
                "worksheet",
                attributes: [
                    XMLAttribute("xmlns", XLSXWriter.main), XMLAttribute("xmlns:r", XLSXWriter.relationships),
                ],
                children: children))
    }

    /// The sheet's view: the rows above the data frozen.
    private static func view(frozen: Int, selected: Bool) -> XMLNode {
        let first = "A\(frozen + 1)"
        return .element(
            XMLElement(
                "sheetView",
                attributes: (selected ? [XMLAttribute("tabSelected", "1")] : []) + [
                    XMLAttribute("workbookViewId", "0")
                ],
                children: frozen == 0
                    ? []
                    : [
                        XLSXWriter.element(
                            "pane",
                            [
                                "ySplit": String(frozen), "topLeftCell": first, "activePane": "bottomLeft",
                                "state": "frozen",
                            ]),
                        XLSXWriter.element("selection", ["pane": "bottomLeft", "activeCell": first, "sqref": first]),
                    ]))
    }

    private static func cell(
        _ value: Spreadsheet.Cell, reference: String, header: Bool, strings: inout SharedStringTable
    ) -> XMLElement {
        var attributes = [XMLAttribute("r", reference)]
        var style: Style = header ? .header : .general
        var content = ""
        switch value {
        case .text(let s):
            if !header { style = .text }
            attributes.append(XMLAttribute("t", "s"))
            content = String(strings.index(of: s))
        case .number: content = value.displayText
        case .percentage(let fraction):
            style = .percentage
            content = String(fraction)
        case .date(let year, let month, let day):
            style = .date
            content = String(serial(year: year, month: month, day: day))
        case .bool(let b):
            attributes.append(XMLAttribute("t", "b"))
            content = b ? "1" : "0"
        case .empty: break
        }
        if style != .general { attributes.insert(XMLAttribute("s", String(style.rawValue)), at: 1) }
        return XMLElement(
            "c", attributes: attributes, children: [.element(XMLElement("v", children: [.text(content)]))])
    }

    /// The column's letters: 1 → `A`, 28 → `AB`.
    static func columnName(_ column: Int) -> String {
        var n = column
        var scalars: [Unicode.Scalar] = []
        while n > 0 {
            scalars.append(Unicode.Scalar(UInt8(ascii: "A") + UInt8((n - 1) % 26)))
            n = (n - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// A date's serial in Excel's 1900 date system: days since 1899-12-30, less one up to 1900-02-28 (Excel
    /// counts Lotus 1-2-3's 1900-02-29, a day that never was).
    static func serial(year: Int, month: Int, day: Int) -> Int {
        // Days since 1970-01-01 (Howard Hinnant's days_from_civil), then since 1899-12-30.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468 + 25_569
        return days <= 60 ? days - 1 : days
    }
}
