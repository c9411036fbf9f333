import Archive
import Filling
import Matters
import Rendering

/// Publishes the year's 督考合一 sheet (13(九)): the per-unit figures from the ledger as of a day, as a
/// printable .odt from `Templates/督考合一考评表.fodt` and as an .ods with numeric cells, numbered from the
/// year's registry (prefix: 机关配置 考评表.文号前缀) and filed together in `Archive/<year>/assessment/`.
struct AssessmentPublisher {
    let office: Office
    let template: FormTemplate

    static let templateName = "督考合一考评表.fodt"

    init(office: Office) throws {
        self.office = office
        let path = office.workspace.templatePath(named: Self.templateName)
        template = try FormTemplate.load(bytes: try Files.read(path), name: path, schema: AssessmentCatalogue.fields)
    }

    /// Publishes the sheet of `year` as of `asOf` (or writes it again, byte for byte): one number per year
    /// and day, so an interim sheet and the year-end one are two documents.
    func publish(year: ReportPeriod, asOf: CivilDate) throws -> Published {
        let report = try office.periodReport(year, asOf: asOf)
        let profile = office.store.office
        let store = PeriodicStore(root: office.store.root, office: profile, run: office.store.run)
        let publication = try store.publish(
            .assessment, key: year.key, prefix: profile.publications.assessmentPrefix, date: asOf, matchingDate: true,
            baseName: { "督考合一考评表-\($0)" }, fileExtension: "odt",
            render: { try render(report, number: $0, date: $1) })
        return Published(publication: Publication(publication), report: report)
    }

    /// The sheet's .odt and .ods.
    func render(_ report: PeriodReport, number: DocumentNumber, date: CivilDate) throws -> [(String, [UInt8])] {
        let profile = office.store.office
        let meta = DocumentMeta(
            title: "\(report.period.year)年度督查事项督考合一考评表 \(number)", subject: "截至\(report.asOf.chinese)",
            date: (date.year, date.month, date.day),
            extra: [("文号", number.description), ("数据截至", report.asOf.iso)])
        let filled = template.fill(
            AssessmentCatalogue.data(report: report, number: number, date: date, office: profile))
        if !filled.report.problems.isEmpty {
            throw DuchaError.fillFailed(document: "督考合一考评表", problems: filled.report.problems)
        }
        let odt = try DocumentRenderer.package(filled.document, meta: meta)
        let ods = try ODSWriter.write(AssessmentSpreadsheet.make(report, number: number), meta: meta)
        return [("odt", odt), ("ods", ods)]
    }
}

extension Office {
    /// Publishes the year's 督考合一 sheet as of a day (default: the year's last day), or writes it again byte for
    /// byte: one number per year and day.
    /// - Throws: ``DuchaError/invalidRequest(_:)`` for a day outside the year or after today.
    /// - Parameter today: the last day the figures may be as of (the clock's, unless given).
    public func publishAssessment(year: ReportPeriod, asOf: CivilDate? = nil, today: CivilDate = .today()) throws
        -> Published
    {
        let day = asOf ?? year.last
        if !year.contains(day) {
            throw DuchaError.invalidRequest("截至日期 \(day.iso) 不在 \(year.key) 年内")
        }
        if day > today {
            throw DuchaError.invalidRequest(
                asOf == nil
                    ? "\(year.key) 年尚未结束：年度表请在年末后生成，中期表请用 --as-of 给出截至日期"
                    : "截至日期 \(day.iso) 晚于今天：台账只能截至已经过去的日子")
        }
        return try AssessmentPublisher(office: self).publish(year: year, asOf: day)
    }
}
