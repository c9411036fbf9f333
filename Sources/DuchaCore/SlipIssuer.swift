import Archive
import Filling
import Matters
import Rendering

/// Issues one form for many matters with one compiled template: number from the registry, fill, package,
/// file into the matter's bag.
struct SlipIssuer {
    let form: Form
    let template: FormTemplate
    let store: ArchiveStore
    let format: DocumentFormat

    init(form: Form, workspace: Workspace, store: ArchiveStore, format: DocumentFormat) throws {
        self.form = form
        let path = workspace.templatePath(for: form)
        template = try FormTemplate.load(
            bytes: try Files.read(path), name: path, schema: FormCatalogue.schema(for: form))
        self.store = store
        self.format = format
    }

    /// Issues (or re-issues, byte for byte) the form for `matter`: the `occurrence`-th slip of this form for
    /// it, dated `date` unless a number was already given on another date.
    func issue(
        for matter: Matter, occurrence: Int, date: CivilDate, into folder: ArchiveStore.Folder,
        extra: [String: TemplateValue]
    ) throws -> IssuedSlip {
        let result = try store.issue(
            form: form, for: matter, occurrence: occurrence, date: date, into: folder, fileExtension: format.rawValue
        ) { number, date in
            try render(matter: matter, number: number, date: date, extra: extra)
        }
        return IssuedSlip(matter: matter.id, form: form, number: result.number, path: result.path)
    }

    func render(matter: Matter, number: DocumentNumber, date: CivilDate, extra: [String: TemplateValue]) throws
        -> [UInt8]
    {
        let data = FormCatalogue.data(
            form: form, matter: matter, number: number, date: date, office: store.office, extra: extra)
        let filled = template.fill(data)
        if !filled.report.problems.isEmpty {
            throw DuchaError.fillFailed(document: "\(matter.id)《\(form.rawValue)》", problems: filled.report.problems)
        }
        let meta = DocumentMeta(
            title: "\(form.rawValue) \(number)", subject: matter.title, matterID: matter.id,
            date: (date.year, date.month, date.day), extra: [("文号", number.description)])
        switch format {
        case .fodt:
            return try DocumentRenderer.flat(filled.document, meta: meta)
        case .odt:
            return try DocumentRenderer.package(filled.document, meta: meta)
        }
    }
}
