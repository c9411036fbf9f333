import Foundation
import Matters
import TestSupport
import Testing

@testable import Filling

/// The shipped publication templates use only the names their catalogues offer, and a wrong name is caught.
@Suite("Publication templates")
struct PublicationTemplateTests {
    static func template(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("Templates/" + name)))
    }

    @Test("西城政务督查.fodt and 督考合一考评表.fodt check clean against their own names, found by file name")
    func shippedTemplates() throws {
        for name in ["西城政务督查.fodt", "督考合一考评表.fodt"] {
            let schema = try #require(FormCatalogue.publicationSchema(forTemplateNamed: "Templates/" + name))
            #expect(FormTemplate.check(bytes: try Self.template(name), name: name, schema: schema) == [], "\(name)")
        }
        #expect(FormCatalogue.publicationSchema(forTemplateNamed: "督查通知单.fodt") == nil)
    }

    @Test("a name the bulletin does not offer is reported with its paragraph")
    func unknownName() throws {
        let text = String(decoding: try Self.template("西城政务督查.fodt"), as: UTF8.self)
            .replacingOccurrences(of: "{{印数}}", with: "{{印刷份数}}")
        let problems = FormTemplate.check(bytes: Array(text.utf8), name: "x.fodt", schema: BulletinCatalogue.fields)
        #expect(problems.count == 1 && problems.first?.description.contains("印刷份数") == true)
    }
}
