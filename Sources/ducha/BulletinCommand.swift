import ArgumentParser
import DuchaCore
import Matters

struct BulletinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletin",
        abstract: "季度《西城政务督查》：总体情况、各单位办理情况（表和图）、推进缓慢事项、情况通报（含屡次迟报）、本季度区级落实预案，按年度编期号，存入 Archive/<年>/bulletins/。",
        discussion: """
            数字取自季度最后一天的台账（与 ducha status --as-of 同口径：只计当天及以前的事件）。
            涉密事项只计入总数，不出现其名称、单位、内容或附件。已出刊的季度沿用原期号和原日期，重新生成的文件与原文件逐字节相同。
            模板：Templates/西城政务督查.fodt；报头、版记（报、送、发、印数）取自机关配置的“刊物”。
            """
    )

    @Argument(help: ArgumentHelp("季度，如 2026Q1", valueName: "QUARTER"))
    var quarter: String

    @Option(name: .customLong("date"), help: ArgumentHelp("印发日期（缺省为季度最后一天）", valueName: "YYYY-MM-DD"))
    var date: CivilDate?

    @Option(name: .customLong("pdf"), help: ArgumentHelp("另将 PDF 打印件写到此目录（需 LibreOffice）", valueName: "DIR"))
    var pdfDirectory: String?

    @OptionGroup var archival: ArchivalCopyOptions

    @OptionGroup var workspace: WorkspaceOptions

    var period: ReportPeriod? { ReportPeriod(parsing: quarter).flatMap { $0.quarter == nil ? nil : $0 } }

    func validate() throws {
        guard let period else { throw ValidationError("季度“\(quarter)”无效（应为 年份Q季度，如 2026Q1）") }
        if let date, date < period.last {
            throw ValidationError("印发日期 \(date.iso) 早于季度最后一天 \(period.last.iso)（数据截至该日）")
        }
    }

    func run() throws {
        guard let period else { throw ExitCode.validationFailure }
        let (published, title) = try workspace.write { office in
            let published = try office.publishBulletin(period, date: date)
            try archival.file([published.publication.paths[0]], in: office, byDefault: true)
            return (published, office.profile.publications.title)
        }
        let (publication, report) = (published.publication, published.report)
        let number = publication.number
        print(
            "《\(title)》\(number.year)年第\(number.serial)期（\(period.chinese)，\(publication.date.chinese)印发）："
                + publication.paths[0] + (publication.changed ? "" : "（已出刊，未改变）"))
        if let date, date != publication.date { warn("本期已于 \(publication.date.iso) 出刊，沿用原印发日期") }
        let t = report.total
        print(
            "  截至\(report.asOf.chinese)：在督事项\(t.matters)项（涉密\(report.classified.matters)项），已办结\(t.completed)项，"
                + "办理中\(t.inProgress)项，逾期\(t.overdue)项；推进缓慢\(report.lagging.count)项；"
                + "表扬\(report.commended.count)个、批评\(report.criticised.count)个、屡次迟报\(report.repeatedlyLate.count)个单位；"
                + "区级落实预案\(report.plans.count)份")
        if let pdfDirectory {
            let pdfs = try workspace.workspace().printCopies(of: [publication.paths[0]], into: pdfDirectory)
            print("PDF 打印件：\(pdfs.joined(separator: "、"))")
        }
    }
}
