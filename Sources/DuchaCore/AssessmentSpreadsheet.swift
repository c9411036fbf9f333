import Filling
import Matters
import Rendering

/// The 督考合一 sheet as a spreadsheet: the same lines as the .odt, every figure a number cell and the rate a
/// percentage cell (empty when nothing was due), so the 绩效办 can sum, sort and chart them.
enum AssessmentSpreadsheet {
    static func make(_ report: PeriodReport, number: DocumentNumber) -> Spreadsheet {
        let rows: [[Spreadsheet.Cell]] = AssessmentCatalogue.lines(report).map { line in
            let t = line.tally
            let rate: Spreadsheet.Cell = t.onTimeRate.map { .percentage($0) } ?? .empty
            return [line.serial.map { .number($0) } ?? .empty, .text(line.label)]
                + [t.matters, t.due, t.completed, t.completedOnTime].map { .number($0) } + [rate]
                + [t.overdue, t.reminders, t.returns, t.lateReports, t.extensions].map { .number($0) }
        }
        return Spreadsheet(sheets: [
            Spreadsheet.Sheet(
                name: "督考合一考评表",
                title: "\(report.period.year)年度督查事项督考合一考评表（\(number)，截至\(report.asOf.chinese)）",
                columnWidths: [12, 48] + Array(repeating: 18, count: AssessmentCatalogue.columns.count - 2),
                header: [AssessmentCatalogue.columns], rows: rows,
                notes: AssessmentCatalogue.notes(report).map { "说明：" + $0 })
        ])
    }
}
