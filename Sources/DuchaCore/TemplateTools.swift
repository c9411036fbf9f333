public import Filling
import Intake
public import Matters

/// A problem of a template, with the paragraph it is in.
public typealias TemplateProblem = Filling.TemplateProblem

/// The template editor's tools: the lint, and the blank ledger workbook.
public enum TemplateTools {
    /// The ledger workbook's formats.
    public enum LedgerFormat: String, Sendable, CaseIterable {
        case xlsx, ods, csv
    }

    /// What a template's fields are checked against.
    public enum Schema: Sendable {
        /// The form named (its own fields and the matter's).
        case form(Form)
        /// Judged from the file name (e.g. `督查催办单.fodt`), else every slip's fields.
        case byName
        /// Structure only (templates for generic filling).
        case structureOnly
    }

    /// Lints a template: unknown fields, unclosed or crossed sections, tags that span paragraphs, each with the
    /// paragraph's text. Empty when the template is sound.
    public static func check(_ file: String, schema: Schema) throws -> [TemplateProblem] {
        let fields: [FieldSpec]?
        switch schema {
        case .form(let form): fields = FormCatalogue.schema(for: form)
        case .byName:
            fields =
                FormCatalogue.form(forTemplateNamed: file).map(FormCatalogue.schema)
                ?? FormCatalogue.publicationSchema(forTemplateNamed: file) ?? FormCatalogue.anySlipSchema
        case .structureOnly: fields = nil
        }
        return FormTemplate.check(bytes: try Files.read(file), name: file, schema: fields)
    }

    /// An empty ledger workbook (事项 and 事件 sheets, 填表说明) with the right headers, drop-down lists and one
    /// example row; CSV holds the 事项 sheet only.
    public static func blankLedger(_ format: LedgerFormat) throws -> [UInt8] {
        switch format {
        case .xlsx: return try LedgerTemplate.xlsx()
        case .ods: return try LedgerTemplate.ods()
        case .csv: return LedgerTemplate.csv()
        }
    }
}
