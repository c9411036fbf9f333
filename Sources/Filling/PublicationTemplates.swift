public import Matters

extension FormCatalogue {
    /// The names a publication template may use, told by its file name (`西城政务督查.fodt`,
    /// `督考合一考评表-横排.odt` …): ``BulletinCatalogue/fields`` or ``AssessmentCatalogue/fields``; `nil` for any
    /// other file. For `ducha template check`, which otherwise checks against the slips' names.
    public static func publicationSchema(forTemplateNamed path: String) -> [FieldSpec]? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasPrefix("西城政务督查") { return BulletinCatalogue.fields }
        if name.hasPrefix("督考合一考评表") { return AssessmentCatalogue.fields }
        if name.hasPrefix("归档文件目录") { return DossierCatalogue.fields }
        return nil
    }
}
