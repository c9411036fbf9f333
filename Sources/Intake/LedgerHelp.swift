import Matters
import Rendering

/// The 填表说明 sheet of a ledger template: every column of both sheets, whether it is required and
/// what it holds. Ledger intake never reads it.
enum LedgerHelp {
    static var sheet: Spreadsheet.Sheet {
        var rows: [[CellValue]] = []
        for column in LedgerColumns.matters {
            let group = MatterCatalogue.fields.spec(column.path[0])
            let required =
                column.spec.required && (column.path.count == 1 || group?.required == true)
                ? "必填"
                : column.spec.required ? "领导批示事项必填" : ""
            rows.append(row("事项", column, required: required, type: column.path[0] == "协办单位" ? unitsType(column) : nil))
        }
        for column in LedgerColumns.events {
            let required = LedgerEventSheet.requiredColumns.contains(column.key) ? "必填" : "视事件而定"
            rows.append(row("事件", column, required: required, type: nil))
        }
        rows.append([])
        rows.append([.text("说明"), .text("表头可用中文名或字段名，列的次序不限；未知的列只警告不读取；“序号”列不读取。")])
        rows.append([.text("说明"), .text("日期可填真正的日期，或写作 2026-03-05、2026/3/5、2026年3月5日。")])
        rows.append([.text("说明"), .text("事件表：每行一个事件，“事件”列写事件名称，只填此事件有的列；事件的要求见 README。")])
        return LedgerSheet.sheet(
            "填表说明",
            columns: [("工作表", 6), ("列名", 12), ("必填", 8), ("填写要求", 60)].map {
                ($0.0, Spreadsheet.Column(width: .characters($0.1)))
            }, rows: rows)
    }

    private static func row(_ sheet: String, _ column: LedgerColumn, required: String, type: String?) -> [CellValue] {
        var what = type ?? CellDecoder.expectation(column.spec.type)
        if !column.spec.help.isEmpty { what += "；" + column.spec.help }
        if column.header != column.key { what += "（表头也可写“\(column.key)”）" }
        return [.text(sheet), .text(column.header), required.isEmpty ? .empty : .text(required), .text(what)]
    }

    private static func unitsType(_ column: LedgerColumn) -> String {
        column.path[1] == "名称"
            ? "单位名称，多个单位用顿号、逗号、分号或换行分隔"
            : "与“协办单位”依次对应，用顿号等分隔；某单位没有的写“-”"
    }
}
