import Matters
import ODF

/// Reads one worksheet part (`xl/worksheets/sheetN.xml`) as a stream: rows, cells and merged
/// ranges, typed with the shared strings and the date styles. Only cells with a value are kept.
struct XLSXWorksheetParser {
    let sharedStrings: [String]
    let styles: XLSXStyles
    let uses1904Dates: Bool
    let source: String

    /// The cell being read.
    private struct PendingCell {
        var reference: CellReference
        var type = "n"
        var style = 0
        var value = ""
        var inline = ""
    }

    func parse(_ xml: [UInt8], into sheet: inout SheetBuilder, budget: inout CellBudget, limits: XMLLimits) throws {
        var row = 0
        var column = 0
        var cell: PendingCell?
        var inValue = false
        var inInlineText = 0
        var inPhonetic = 0
        try XMLStreamParser.parse(xml, source: source, limits: limits) { event in
            switch event {
            case .start(let name, let attributes):
                func attribute(_ local: String) -> String? {
                    attributes.first { $0.name.local == local && $0.name.namespace.isEmpty }?.value
                }
                switch name.local {
                case "row":
                    if let text = attribute("r") {
                        guard let number = Int(text), number >= 1, number <= SpreadsheetLimits.maxRows else {
                            throw SpreadsheetError("\(source) 的行号“\(text)”无效")
                        }
                        row = number
                    } else {
                        row += 1
                    }
                    column = 0
                case "c":
                    var reference = CellReference(row: row, column: column + 1)
                    if let text = attribute("r") {
                        guard let parsed = CellReference(text) else {
                            throw SpreadsheetError("\(source) 的单元格位置“\(text)”无效")
                        }
                        reference = parsed
                    }
                    column = reference.column
                    var pending = PendingCell(reference: reference)
                    pending.type = attribute("t") ?? "n"
                    pending.style = attribute("s").flatMap { Int($0) } ?? 0
                    cell = pending
                case "v": inValue = cell != nil
                case "t" where cell != nil: inInlineText += 1
                case "rPh": inPhonetic += 1
                case "mergeCell":
                    if let range = attribute("ref").flatMap({ CellRange($0) }) { try sheet.merge(range) }
                default: break
                }
            case .end(let name):
                switch name.local {
                case "c":
                    if let pending = cell {
                        let value = try self.value(of: pending)
                        try sheet.add(
                            value, row: pending.reference.row, column: pending.reference.column, budget: &budget)
                    }
                    cell = nil
                case "v": inValue = false
                case "t" where cell != nil: inInlineText -= 1
                case "rPh": inPhonetic -= 1
                default: break
                }
            case .text(let text):
                if inValue {
                    cell?.value += text
                } else if inInlineText > 0, inPhonetic == 0 {
                    cell?.inline += text
                }
            }
        }
    }

    private func value(of cell: PendingCell) throws(SpreadsheetError) -> CellValue {
        let raw = cell.value.trimmingWhitespace()
        switch cell.type {
        case "s":
            guard !raw.isEmpty else { return .empty }
            guard let index = Int(raw), sharedStrings.indices.contains(index) else {
                throw SpreadsheetError("\(source) 的单元格 \(cell.reference) 引用了不存在的共享字符串“\(raw)”；文件可能已损坏")
            }
            return text(sharedStrings[index])
        case "inlineStr":
            return text(XLSXText.decode(cell.inline))
        case "str":
            return text(XLSXText.decode(cell.value))
        case "b":
            return raw.isEmpty ? .empty : .bool(raw == "1" || raw.lowercased() == "true")
        case "e":
            return .error(raw)
        case "d":
            guard !raw.isEmpty else { return .empty }
            guard let date = CivilDate(iso: String(raw.prefix(10))) else {
                throw SpreadsheetError("\(source) 的单元格 \(cell.reference) 的日期“\(raw)”无效")
            }
            return .date(date)
        default:
            guard !raw.isEmpty else { return .empty }
            guard let number = Double(raw), number.isFinite else {
                throw SpreadsheetError("\(source) 的单元格 \(cell.reference) 的数值“\(raw)”无效")
            }
            if styles.isDate(style: cell.style), let date = ExcelDate.date(fromSerial: number, uses1904: uses1904Dates)
            {
                return .date(date)
            }
            return .number(number)
        }
    }

    private func text(_ s: String) -> CellValue { s.isEmpty ? .empty : .text(s) }
}
