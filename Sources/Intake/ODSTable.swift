import ODF

/// One sheet of a written `.ods`: its columns, header row, rows and the empty rows below that
/// carry the drop-down lists.
enum ODSTable {
    static let headerStyle = "ceHeader"
    static let dateStyle = "ceDate"
    static let textStyle = "ceText"

    static func element(_ sheet: LedgerWorkbook.Sheet, validationNames: [[String]: String]) -> XMLNode {
        var children: [XMLNode] = sheet.columns.map { column in
            var attributes = [("table:style-name", "co\(column.width)")]
            if column.isText { attributes.append(("table:default-cell-style-name", textStyle)) }
            return ODSWriter.node("table:table-column", attributes)
        }
        let header = sheet.columns.map { cell(.text($0.header), style: headerStyle, validation: nil) }
        children.append(ODSWriter.node("table:table-header-rows", [], [ODSWriter.node("table:table-row", [], header)]))
        let validations = sheet.columns.map { validationNames[$0.choices] }
        for values in sheet.rows {
            var cells = values.enumerated().map { index, value in
                cell(
                    value, style: value.isDate ? dateStyle : nil,
                    validation: validations.indices.contains(index) ? validations[index] : nil)
            }
            // A row must hold at least one cell.
            if cells.isEmpty { cells.append(ODSWriter.node("table:table-cell")) }
            children.append(ODSWriter.node("table:table-row", [], cells))
        }
        let remaining = XLSXWriter.validatedRows - sheet.rows.count
        if remaining > 0, validations.contains(where: { $0 != nil }) {
            children.append(
                ODSWriter.node(
                    "table:table-row", [("table:number-rows-repeated", String(remaining))], emptyCells(validations)))
        }
        return ODSWriter.node("table:table", [("table:name", sheet.name)], children)
    }

    /// Empty cells carrying their column's validation, runs of equal cells repeated.
    private static func emptyCells(_ validations: [String?]) -> [XMLNode] {
        var cells: [XMLNode] = []
        var index = 0
        while index < validations.count {
            var end = index + 1
            while end < validations.count, validations[end] == validations[index] { end += 1 }
            var attributes: [(String, String)] = []
            if end - index > 1 { attributes.append(("table:number-columns-repeated", String(end - index))) }
            if let name = validations[index] { attributes.append(("table:content-validation-name", name)) }
            cells.append(ODSWriter.node("table:table-cell", attributes))
            index = end
        }
        return cells
    }

    private static func cell(_ value: CellValue, style: String?, validation: String?) -> XMLNode {
        var attributes: [(String, String)] = []
        if let style { attributes.append(("table:style-name", style)) }
        if let validation { attributes.append(("table:content-validation-name", validation)) }
        var shown = ""
        switch value {
        case .empty: break
        case .text(let s), .error(let s):
            attributes.append(("office:value-type", "string"))
            shown = s
        case .number(let n):
            attributes += [("office:value-type", "float"), ("office:value", CellText.number(n))]
            shown = CellText.number(n)
        case .date(let d):
            attributes += [("office:value-type", "date"), ("office:date-value", d.iso)]
            shown = d.iso
        case .bool(let b):
            attributes += [("office:value-type", "boolean"), ("office:boolean-value", b ? "true" : "false")]
            shown = b ? "TRUE" : "FALSE"
        }
        let paragraphs =
            value == .empty ? [] : shown.split(separator: "\n", omittingEmptySubsequences: false).map(paragraph)
        return ODSWriter.node("table:table-cell", attributes, paragraphs)
    }

    /// A `text:p` that reads exactly `line`: tabs as `text:tab`, and spaces that ODF would collapse
    /// or drop (runs, and any at either end) as `text:s`.
    private static func paragraph(_ line: Substring) -> XMLNode {
        enum Token {
            case text(String)
            case spaces(Int)
            case tab
        }
        var tokens: [Token] = []
        var text = ""
        var spaces = 0
        for character in line {
            if character == " " {
                if !text.isEmpty { tokens.append(.text(text)) }
                text = ""
                spaces += 1
                continue
            }
            if spaces > 0 { tokens.append(.spaces(spaces)) }
            spaces = 0
            if character == "\t" {
                if !text.isEmpty { tokens.append(.text(text)) }
                text = ""
                tokens.append(.tab)
            } else {
                text.append(character)
            }
        }
        if !text.isEmpty { tokens.append(.text(text)) }
        if spaces > 0 { tokens.append(.spaces(spaces)) }
        var children: [XMLNode] = []
        var run = ""
        func flush() {
            if !run.isEmpty { children.append(.text(run)) }
            run = ""
        }
        for (index, token) in tokens.enumerated() {
            switch token {
            case .text(let text): run += text
            case .spaces(1) where index > 0 && index < tokens.count - 1: run += " "
            case .spaces(let n):
                flush()
                children.append(ODSWriter.node("text:s", n > 1 ? [("text:c", String(n))] : []))
            case .tab:
                flush()
                children.append(ODSWriter.node("text:tab"))
            }
        }
        flush()
        return ODSWriter.node("text:p", [], children)
    }
}

extension CellValue {
    var isDate: Bool {
        if case .date = self { return true }
        return false
    }
}
