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
        let path = office.templates.templates + "/" + Self.templateName
        template = try FormTemplate.load(bytes: try readFile(path), name: path, schema: AssessmentCatalogue.fields)
    }

    /// Publishes the sheet of `year` as of `asOf` (or writes it again, byte for byte): one number per year
    /// and day, so an interim sheet and the year-end one are two documents.
    func publish(year: ReportPeriod, asOf: CivilDate) throws -> (
        publication: PeriodicStore.Publication, report: PeriodReport
    ) {
        let report = try office.periodReport(year, asOf: asOf)
        let profile = office.store.office
        let store = PeriodicStore(root: office.store.root, office: profile)
        let publication = try store.publish(
            .assessment, key: year.key, prefix: profile.publications.assessmentPrefix, date: asOf, matchingDate: true,
            baseName: { "督考合一考评表-\($0)" }, fileExtension: "odt",
            render: { try render(report, number: $0, date: $1) })
        return (publication, report)
    }

    /// The sheet's .odt and .ods.
    func render(_ report: PeriodReport, number: DocumentNumber, date: CivilDate) throws -> [(String, [UInt8])] {
        let profile = office.store.office
        let meta = DocumentMeta(
            title: "\(report.period.year)年度督查事项督考合一考评表 \(number)", subject: "截至\(report.asOf.chinese)",
            matterID: "", date: (date.year, date.month, date.day),
            extra: [("文号", number.description), ("数据截至", report.asOf.iso)])
        let filled = template.fill(
            AssessmentCatalogue.data(report: report, number: number, date: date, office: profile))
        if !filled.report.problems.isEmpty {
            throw CommandFailure(message: "督考合一考评表填写有误：" + filled.report.problems.joined(separator: "；"))
        }
        let odt = try PublicationRenderer.package(
            mimetype: filled.mimetype, content: filled.content, styles: filled.styles, staticParts: filled.staticParts,
            meta: meta)
        let ods = try AssessmentSpreadsheet.make(report, number: number).package(meta: meta)
        return [("odt", odt), ("ods", ods)]
    }
}
