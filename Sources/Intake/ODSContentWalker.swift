import Matters
import ODF

/// Walks the events of an ODS `content.xml` (or a flat `.fods`) and builds its sheets.
struct ODSContentWalker {
    static let tableNS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    static let officeNS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    static let textNS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    static let calcextNS = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
    /// The most spaces one `text:s` may stand for (a hostile `text:c` could ask for billions).
    static let maxSpaces = 10_000

    var budget: CellBudget
    let source: String
    private(set) var sheets: [Sheet] = []

    private var sheet: SheetBuilder?
    private var rowsBefore = 0
    private var rowRepeat = 1
    private var rowCells: [(column: Int, value: CellValue)] = []
    private var columnsBefore = 0
    private var cell: Cell?
    /// Depth inside an element whose content is not cell text (an annotation, a nested table).
    private var skipDepth = 0

    private struct Cell {
        var attributes: [(name: XMLQualifiedName, value: String)]
        var columnRepeat: Int
        var paragraphs = 0
        var openParagraphs = 0
        var text = ""
        /// Whether a literal white space character now would be dropped (ODF 1.3 §6.1.2: at the
        /// start of a paragraph, and after another one).
        var collapsing = true

        /// Appends character data the way ODF reads it: tabs, line feeds and runs of spaces are
        /// one space, none at the start of a paragraph.
        mutating func appendLiteral(_ s: String) {
            for character in s {
                if character == " " || character == "\t" || character == "\n" || character == "\r" {
                    if !collapsing { text.append(" ") }
                    collapsing = true
                } else {
                    text.append(character)
                    collapsing = false
                }
            }
        }

        /// Appends what an element stands for (`text:s`, `text:tab`, `text:line-break`), never collapsed.
        mutating func appendExact(_ s: String) {
            text += s
            collapsing = false
        }

        func attribute(_ namespace: String, _ local: String) -> String? {
            attributes.first { $0.name.namespace == namespace && $0.name.local == local }?.value
        }
    }

    init(budget: CellBudget, source: String) {
        self.budget = budget
        self.source = source
    }

    mutating func handle(_ event: XMLStreamEvent) throws {
        switch event {
        case .start(let name, let attributes): try start(name, attributes)
        case .end(let name): try end(name)
        case .text(let text):
            if skipDepth == 0, (cell?.openParagraphs ?? 0) > 0 { cell?.appendLiteral(text) }
        }
    }

    private mutating func start(_ name: XMLQualifiedName, _ attributes: [(name: XMLQualifiedName, value: String)])
        throws
    {
        if skipDepth > 0 {
            skipDepth += 1
            return
        }
        func attribute(_ local: String) -> String? {
            attributes.first { $0.name.namespace == Self.tableNS && $0.name.local == local }?.value
        }
        if cell != nil {
            switch (name.namespace, name.local) {
            case (Self.textNS, "p"), (Self.textNS, "h"):
                if (cell?.paragraphs ?? 0) > 0 { cell?.appendExact("\n") }
                cell?.paragraphs += 1
                cell?.openParagraphs += 1
                cell?.collapsing = true
            case (Self.textNS, "s"):
                let count = attributes.first { $0.name.local == "c" }.flatMap { Int($0.value) } ?? 1
                cell?.appendExact(String(repeating: " ", count: min(max(count, 1), Self.maxSpaces)))
            case (Self.textNS, "tab"): cell?.appendExact("\t")
            case (Self.textNS, "line-break"): cell?.appendExact("\n")
            case (Self.officeNS, "annotation"), (Self.tableNS, "table"): skipDepth = 1
            default: break
            }
            return
        }
        guard name.namespace == Self.tableNS else { return }
        switch name.local {
        case "table":
            sheet = SheetBuilder(name: attribute("name") ?? "Sheet\(sheets.count + 1)")
            rowsBefore = 0
        case "table-row" where sheet != nil:
            rowRepeat = Self.repeatCount(attribute("number-rows-repeated"), max: SpreadsheetLimits.maxRows)
            rowCells = []
            columnsBefore = 0
        case "table-cell" where sheet != nil, "covered-table-cell" where sheet != nil:
            let repeatCount = Self.repeatCount(attribute("number-columns-repeated"), max: SpreadsheetLimits.maxColumns)
            cell = Cell(attributes: name.local == "table-cell" ? attributes : [], columnRepeat: repeatCount)
        default: break
        }
    }

    private mutating func end(_ name: XMLQualifiedName) throws {
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        if cell != nil, name.namespace == Self.textNS, name.local == "p" || name.local == "h" {
            cell?.openParagraphs -= 1
            return
        }
        guard name.namespace == Self.tableNS else { return }
        switch name.local {
        case "table-cell", "covered-table-cell":
            guard let current = cell else { return }
            cell = nil
            try finishCell(current)
        case "table-row":
            if !rowCells.isEmpty, var builder = sheet {
                sheet = nil  // keep the builder uniquely referenced while it grows
                try builder.addRows(rowCells, first: rowsBefore + 1, count: rowRepeat, budget: &budget)
                sheet = builder
            }
            rowsBefore += rowRepeat
            rowCells = []
        case "table":
            if let builder = sheet { sheets.append(builder.finish()) }
            sheet = nil
        default: break
        }
    }

    private mutating func finishCell(_ current: Cell) throws {
        let value = try Self.value(of: current, source: source)
        let first = columnsBefore + 1
        if value != .empty {
            guard first + current.columnRepeat - 1 <= SpreadsheetLimits.maxColumns else {
                throw SpreadsheetError("\(source) 的第 \(rowsBefore + 1) 行超过 \(SpreadsheetLimits.maxColumns) 列")
            }
            for column in first..<(first + current.columnRepeat) { rowCells.append((column, value)) }
        }
        let columnsSpanned = Self.repeatCount(
            current.attribute(Self.tableNS, "number-columns-spanned"), max: SpreadsheetLimits.maxColumns)
        let rowsSpanned = Self.repeatCount(
            current.attribute(Self.tableNS, "number-rows-spanned"), max: SpreadsheetLimits.maxRows)
        if columnsSpanned > 1 || rowsSpanned > 1 {
            let top = CellReference(row: rowsBefore + 1, column: first)
            let bottom = CellReference(row: rowsBefore + rowsSpanned, column: first + columnsSpanned - 1)
            try sheet?.merge(CellRange(top, bottom))
        }
        columnsBefore = min(columnsBefore + current.columnRepeat, SpreadsheetLimits.maxColumns + 1)
    }

    /// A repeat or span count: 1 when absent or not a positive number, at most `max`.
    static func repeatCount(_ text: String?, max: Int) -> Int {
        guard let text, !text.isEmpty else { return 1 }
        guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return 1 }
        guard text.utf8.count <= 9, let value = Int(text) else { return max }
        return Swift.min(Swift.max(value, 1), max)
    }

    private static func value(of cell: Cell, source: String) throws -> CellValue {
        let text = XLSXText.normalizeLineBreaks(cell.text)
        if cell.attribute(calcextNS, "value-type") == "error" { return .error(text) }
        switch cell.attribute(officeNS, "value-type") {
        case "float", "percentage", "currency":
            let raw = cell.attribute(officeNS, "value") ?? ""
            guard let number = Double(raw), number.isFinite else {
                throw SpreadsheetError("\(source) 中的数值“\(raw)”无效")
            }
            return .number(number)
        case "date":
            let raw = cell.attribute(officeNS, "date-value") ?? ""
            guard let date = CivilDate(iso: String(raw.prefix(10))) else {
                throw SpreadsheetError("\(source) 中的日期“\(raw)”无效")
            }
            return .date(date)
        case "boolean":
            return .bool(cell.attribute(officeNS, "boolean-value") == "true")
        case "string":
            let value = cell.attribute(officeNS, "string-value").map(XLSXText.normalizeLineBreaks) ?? text
            return value.isEmpty ? .empty : .text(value)
        default:
            // No value type (a time, or text written by a tool that omits it): keep what it shows.
            return text.isEmpty ? .empty : .text(text)
        }
    }
}
