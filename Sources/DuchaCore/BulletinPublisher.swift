import Archive
import Filling
import Matters
import ODF
import Rendering

/// Publishes 《西城政务督查》: the quarter's figures from the ledger (as `ducha status --as-of` the quarter's
/// last day), filled into `Templates/西城政务督查.fodt` with the per-unit chart Ducha draws, numbered 第N期
/// from the year's registry and filed in `Archive/<year>/bulletins/`.
struct BulletinPublisher {
    let office: Office
    let template: FormTemplate

    /// The template's file name in the templates folder.
    static let templateName = "西城政务督查.fodt"
    /// Where the chart goes in the package; the template's `draw:image` points here.
    static let chartPath = "Pictures/chart-units.svg"

    init(office: Office) throws {
        self.office = office
        let path = office.workspace.templatePath(named: Self.templateName)
        template = try FormTemplate.load(bytes: try Files.read(path), name: path, schema: BulletinCatalogue.fields)
    }

    /// Publishes the issue of `quarter` (or writes it again, byte for byte, with its number and date).
    /// - Parameter date: 印发日期 for a new issue (default: the quarter's last day); an issue already
    ///   published keeps its own.
    func publish(_ quarter: ReportPeriod, date: CivilDate? = nil) throws -> Published {
        let report = try office.periodReport(quarter, asOf: quarter.last)
        AllocatorTuning.releaseFreeMemory()
        let profile = office.store.office.publications
        let store = PeriodicStore(root: office.store.root, office: office.store.office, run: office.store.run)
        let publication = try store.publish(
            .bulletin, key: quarter.key, prefix: profile.title, date: date ?? quarter.last,
            baseName: { "\(profile.title)-\($0.year)年第\($0.serial)期" }, fileExtension: "odt",
            render: { number, date in [("odt", try render(report, number: number, date: date))] })
        return Published(publication: Publication(publication), report: report)
    }

    /// The issue's .odt.
    func render(_ report: PeriodReport, number: DocumentNumber, date: CivilDate) throws -> [UInt8] {
        let profile = office.store.office.publications
        let data = BulletinCatalogue.data(report: report, issue: number, date: date, office: office.store.office)
        let filled = template.fill(data)
        AllocatorTuning.releaseFreeMemory()
        if !filled.report.problems.isEmpty {
            throw DuchaError.fillFailed(document: "《\(profile.title)》", problems: filled.report.problems)
        }
        let chart = Self.chart(report)
        let meta = DocumentMeta(
            title: "\(profile.title) \(number.year)年第\(number.serial)期",
            subject: "\(report.period.chinese)督查工作情况通报", date: (date.year, date.month, date.day),
            extra: [("期号", "\(number.year)年第\(number.serial)期"), ("季度", report.period.key), ("数据截至", report.asOf.iso)])
        let bytes = try DocumentRenderer.package(
            filled.document, meta: meta,
            extraParts: [ODFPart(path: Self.chartPath, mediaType: "image/svg+xml", data: chart.svg())])
        AllocatorTuning.releaseFreeMemory()
        return bytes
    }

    /// Per unit: completed, in progress, overdue (涉密 matters are in no unit).
    static func chart(_ report: PeriodReport) -> BarChart { UnitChart.chart(report) }
}

extension Office {
    /// Publishes 《西城政务督查》 for a quarter (or writes it again, byte for byte, with its number and date).
    /// - Parameter date: 印发日期 for a new issue (default: the quarter's last day); an issue already
    ///   published keeps its own.
    /// - Parameter today: the day the quarter must have ended by (the clock's, unless given).
    /// - Throws: ``DuchaError/invalidRequest(_:)`` for a period that is not a quarter or has not ended by today.
    public func publishBulletin(_ quarter: ReportPeriod, date: CivilDate? = nil, today: CivilDate = .today()) throws
        -> Published
    {
        guard quarter.quarter != nil else { throw DuchaError.invalidRequest("“\(quarter.key)”不是季度") }
        if let date, date < quarter.last {
            throw DuchaError.invalidRequest("印发日期 \(date.iso) 早于季度最后一天 \(quarter.last.iso)（数据截至该日）")
        }
        guard quarter.last <= today else {
            throw DuchaError.invalidRequest("\(quarter.chinese)尚未结束（\(quarter.last.iso)），不能出刊")
        }
        return try BulletinPublisher(office: self).publish(quarter, date: date)
    }

    /// The figures of a period as of a day, from every archived matter (see ``PeriodReport``).
    func periodReport(_ period: ReportPeriod, asOf: CivilDate) throws -> PeriodReport {
        try PeriodReport(period: period, asOf: asOf, lifecycle: lifecycle, ledger: ledger) { visit in
            try store.forEachRecord { matter, log in try visit(matter, log.map(\.event)) }
        }
    }
}
