import ArgumentParser
import DuchaCore
import Matters

struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract:
            "督考合一考评表：按主责单位统计事项数、应办结、已办结、按时办结（数和率）、逾期、催办、退办、迟报、延期申请，写成可打印的 .odt 和数字单元格的 .ods，存入 Archive/<年>/assessment/。",
        discussion: """
            数字取自截至日期的台账（与 ducha status --as-of 同口径）。截至日期缺省为该年 12 月 31 日；年内出中期表请用 --as-of。
            同一截至日期再运行沿用原文号，文件逐字节相同；不同截至日期的表各有文号。涉密事项只列合计，不列单位。
            模板：Templates/督考合一考评表.fodt；文号前缀取自机关配置“考评表.文号前缀”。
            """
    )

    @Argument(help: ArgumentHelp("年度，如 2026", valueName: "YEAR"))
    var year: Int

    @Option(name: .customLong("as-of"), help: ArgumentHelp("截至日期（缺省为该年 12 月 31 日）", valueName: "YYYY-MM-DD"))
    var asOf: CivilDate?

    @Option(name: .customLong("pdf"), help: ArgumentHelp("另将 .odt 的 PDF 打印件写到此目录（需 LibreOffice）", valueName: "DIR"))
    var pdfDirectory: String?

    @OptionGroup var archival: ArchivalCopyOptions

    @OptionGroup var workspace: WorkspaceOptions

    func validate() throws {
        guard let period = ReportPeriod(year: year) else { throw ValidationError("年度“\(year)”无效") }
        if let asOf, !period.contains(asOf) { throw ValidationError("截至日期 \(asOf.iso) 不在 \(year) 年内") }
    }

    func run() throws {
        guard let period = ReportPeriod(year: year) else { throw ExitCode.validationFailure }
        let day = asOf ?? period.last
        let published = try workspace.write { office in
            let published = try office.publishAssessment(year: period, asOf: asOf)
            try archival.file([published.publication.paths[0]], in: office, byDefault: true)
            return published
        }
        let (publication, report) = (published.publication, published.report)
        print(
            "督考合一考评表 \(publication.number)（截至\(day.chinese)）：" + publication.paths.joined(separator: "、")
                + (publication.changed ? "" : "（已生成，未改变）"))
        let t = report.total
        let rate = t.onTimeRate.map { "，按时办结率 " + Percent.text($0) } ?? ""
        print(
            "  \(report.units.count) 个主责单位，事项\(t.matters)项（涉密\(report.classified.matters)项），应办结\(t.due)项，按时办结\(t.completedOnTime)项\(rate)"
        )
        if let pdfDirectory {
            let pdfs = try workspace.workspace().printCopies(of: [publication.paths[0]], into: pdfDirectory)
            print("PDF 打印件：\(pdfs.joined(separator: "、"))")
        }
    }
}
