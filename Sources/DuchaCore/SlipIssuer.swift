import Archive
import Filling
import Matters
import Rendering

/// Issues one form for many matters with one compiled template: number from the registry, fill, package,
/// file into the matter's bag.
struct SlipIssuer: Sendable {
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
        extra: TemplateRecord
    ) throws -> IssuedSlip {
        try numbered(for: matter, occurrence: occurrence, date: date, into: folder, extra: extra).file()
    }

    /// The slip ``issue(for:occurrence:date:into:extra:)`` makes, with its number given (recorded in the
    /// registry) and nothing written yet.
    func numbered(
        for matter: Matter, occurrence: Int, date: CivilDate, into folder: ArchiveStore.Folder,
        extra: TemplateRecord
    ) throws -> NumberedSlip {
        let given = try store.give(
            form: form, for: matter, occurrence: occurrence, date: date, into: folder, fileExtension: format.rawValue)
        return NumberedSlip(
            issuer: self, matter: matter, number: given.number, date: given.date, relativePath: given.file, extra: extra
        )
    }

    func render(matter: Matter, number: DocumentNumber, date: CivilDate, extra: TemplateRecord) throws
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

/// A slip whose number is given (in the registry, before anything is written) and that is still to be filled,
/// packaged and filed: work that touches its matter's bag and nothing else, so it may be done on another thread
/// while the next event is prepared.
struct NumberedSlip: Sendable {
    let issuer: SlipIssuer
    let matter: Matter
    let number: DocumentNumber
    let date: CivilDate
    /// Where it is filed, relative to the archive's root.
    let relativePath: String
    let extra: TemplateRecord

    /// Renders the slip and files it in the matter's bag.
    func file() throws -> IssuedSlip {
        let bytes = try issuer.render(matter: matter, number: number, date: date, extra: extra)
        let slip = IssuedSlip(
            matter: matter.id, form: issuer.form, number: number, root: issuer.store.root, file: relativePath)
        try issuer.store.file(bytes, at: slip.path, of: matter)
        return slip
    }
}
