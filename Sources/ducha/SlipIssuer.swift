import Archive
import Filling
import Matters
import ODF
import Rendering

/// Issues one form for many matters with one compiled template: number from the registry, fill, package,
/// file into the matter's bag.
struct SlipIssuer {
    let form: Form
    let template: FormTemplate
    let store: ArchiveStore
    let format: OutputFormat

    init(form: Form, templates: TemplateOptions, store: ArchiveStore, format: OutputFormat) throws {
        self.form = form
        let path = templates.templatePath(for: form)
        template = try FormTemplate.load(bytes: try readFile(path), name: path, schema: FormCatalogue.schema(for: form))
        self.store = store
        self.format = format == .fodt ? .fodt : .odt
    }

    /// Issues (or re-issues, byte for byte) the form for `matter`: the `occurrence`-th slip of this form for
    /// it, dated `date` unless a number was already given on another date.
    func issue(
        for matter: Matter, occurrence: Int, date: CivilDate, into folder: ArchiveStore.Folder,
        extra: [String: TemplateValue]
    ) throws -> (number: DocumentNumber, path: String) {
        let result = try store.issue(
            form: form, for: matter, occurrence: occurrence, date: date, into: folder, fileExtension: format.rawValue
        ) { number, date in
            try render(matter: matter, number: number, date: date, extra: extra)
        }
        return (result.number, result.path)
    }

    func render(matter: Matter, number: DocumentNumber, date: CivilDate, extra: [String: TemplateValue]) throws
        -> [UInt8]
    {
        let data = FormCatalogue.data(
            form: form, matter: matter, number: number, date: date, office: store.office, extra: extra)
        let filled = template.fill(data)
        if !filled.report.problems.isEmpty {
            throw CommandFailure(
                message: "\(matter.id)《\(form.rawValue)》填写有误：" + filled.report.problems.joined(separator: "；"))
        }
        let meta = DocumentMeta(
            title: "\(form.rawValue) \(number)", subject: matter.title, matterID: matter.id,
            date: (date.year, date.month, date.day), extra: [("文号", number.description)])
        switch format {
        case .fodt:
            return try DocumentRenderer.flat(
                mimetype: filled.mimetype, content: filled.content, styles: filled.styles,
                staticParts: filled.staticParts, meta: meta)
        default:
            return try DocumentRenderer.package(
                mimetype: filled.mimetype, content: filled.content, styles: filled.styles,
                stylesDeflated: filled.stylesDeflated,
                staticParts: filled.staticParts, meta: meta)
        }
    }
}
