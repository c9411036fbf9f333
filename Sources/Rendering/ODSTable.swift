import ODF

/// One sheet of a written `.ods` as a `table:table`: its columns, title, header rows, data rows, the empty
/// rows below that carry the drop-down lists, and the notes.
struct ODSTable {
    let look: ODSLook
    /// The style of each column width.
    let columnStyles: [Spreadsheet.Width: String]
    /// The `table:content-validation` of each list of choices.
    let validationNames: [[String]: String]

    func table(_ sheet: Spreadsheet.Sheet) -> XMLNode {
        var children: [XMLNode] = sheet.columns.map { column in
            var attributes = [("table:style-name", columnStyles[column.width] ?? "")]
            if column.isText { attributes.append(("table:default-cell-style-name", ODSLook.textStyle)) }
            return look.node("table:table-column", attributes)
        }
        let span = max(sheet.columns.count, 1)
        if let title = sheet.title { children.append(spanning(title, style: look.titleStyle, span: span)) }
        if !sheet.header.isEmpty {
            let rows = sheet.header.map { line in
                row(line.map { cell(.text($0), style: look.headerStyle, validation: nil) })
            }
            children.append(look.node("table:table-header-rows", [], rows))
        }
        let validations = sheet.columns.map { validationNames[$0.choices] }
        for values in sheet.rows {
            var cells = values.enumerated().map { index, value in
                cell(
                    value, style: look.style(of: value),
                    validation: validations.indices.contains(index) ? validations[index] : nil)
            }
            // A row must hold at least one cell.
            if cells.isEmpty { cells.append(look.node("table:table-cell")) }
            children.append(row(cells))
        }
        let remaining = Spreadsheet.validatedRows - sheet.rows.count
        if remaining > 0, validations.contains(where: { $0 != nil }) {
            children.append(
                look.node(
                    "table:table-row", [("table:number-rows-repeated", String(remaining))], emptyCells(validations)))
        }
        for note in sheet.notes { children.append(spanning(note, style: look.noteStyle, span: span)) }
        var attributes = [("table:name", sheet.name)]
        if let style = look.tableStyle { attributes.append(("table:style-name", style)) }
        return look.node("table:table", attributes, children)
    }

    private func row(_ cells: [XMLNode]) -> XMLNode {
        look.node("table:table-row", look.rowStyle.map { [("table:style-name", $0)] } ?? [], cells)
    }

    /// A row of one text across `span` columns.
    private func spanning(_ text: String, style: String?, span: Int) -> XMLNode {
        var attributes: [(String, String)] = []
        if let style { attributes.append(("table:style-name", style)) }
        attributes += [("table:number-columns-spanned", String(span)), ("office:value-type", "string")]
        let cells = [look.node("table:table-cell", attributes, paragraphs(text))]
        return row(cells + Array(repeating: look.node("table:covered-table-cell"), count: span - 1))
    }

    /// Empty cells carrying their column's validation, runs of equal cells repeated.
    private func emptyCells(_ validations: [String?]) -> [XMLNode] {
        var cells: [XMLNode] = []
        var index = 0
        while index < validations.count {
            var end = index + 1
            while end < validations.count, validations[end] == validations[index] { end += 1 }
            var attributes: [(String, String)] = []
            if end - index > 1 { attributes.append(("table:number-columns-repeated", String(end - index))) }
            if let name = validations[index] { attributes.append(("table:content-validation-name", name)) }
            cells.append(look.node("table:table-cell", attributes))
            index = end
        }
        return cells
    }

    private func cell(_ value: Spreadsheet.Cell, style: String?, validation: String?) -> XMLNode {
        var attributes: [(String, String)] = []
        if let style { attributes.append(("table:style-name", style)) }
        if let validation { attributes.append(("table:content-validation-name", validation)) }
        switch value {
        case .empty: return look.node("table:table-cell", attributes)
        case .text: attributes.append(("office:value-type", "string"))
        case .number: attributes += [("office:value-type", "float"), ("office:value", value.displayText)]
        case .percentage(let fraction):
            attributes += [("office:value-type", "percentage"), ("office:value", String(fraction))]
        case .date: attributes += [("office:value-type", "date"), ("office:date-value", value.displayText)]
        case .bool(let b):
            attributes += [("office:value-type", "boolean"), ("office:boolean-value", b ? "true" : "false")]
        }
        return look.node("table:table-cell", attributes, paragraphs(value.displayText))
    }

    /// One `text:p` per line, each read back exactly (``ODFText``). A printed table is written as it was
    /// before the two spreadsheet writers were merged, one `text:p` holding the text as it is, so that the
    /// tables already filed keep their bytes; readers collapse a line break or a run of spaces in it (ODF 1.3
    /// part 3, §6.1.2).
    private func paragraphs(_ text: String) -> [XMLNode] {
        guard look.look == .entry else { return [look.node("text:p", [], [.text(text)])] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            look.node("text:p", [], ODFText.nodes(String(line)))
        }
    }
}
