import Foundation
import ODF
import TestSupport
import Testing

/// RELAX NG validation through libxml2: findings with line and element, hostile documents refused, one schema
/// shared by several threads.
@Suite("RELAX NG validation")
struct RelaxNGSchemaTests {
    static let schema = """
        <grammar xmlns="http://relaxng.org/ns/structure/1.0"
                 datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
          <start>
            <element name="记录">
              <attribute name="编号"><data type="positiveInteger"/></attribute>
              <oneOrMore><element name="项"><text/></element></oneOrMore>
            </element>
          </start>
        </grammar>
        """

    func compiled() throws -> RelaxNGSchema { try RelaxNGSchema(bytes: Array(Self.schema.utf8), source: "记录.rng") }

    func validate(_ document: String) throws -> SchemaValidation {
        try compiled().validate(Array(document.utf8), source: "记录.xml")
    }

    @Test("a valid document has no finding")
    func valid() throws {
        let result = try validate("<记录 编号=\"3\">\n<项>甲</项>\n<项>乙</项>\n</记录>\n")
        #expect(result.isValid && result.findings.isEmpty && result.total == 0)
    }

    @Test("an element the schema does not allow is named with its line and path")
    func extraElement() throws {
        let result = try validate("<记录 编号=\"3\">\n<项>甲</项>\n<杂项/>\n</记录>\n")
        #expect(!result.isValid)
        let finding = try #require(result.findings.first)
        #expect(finding.message.contains("杂项"), "\(finding)")
        #expect(finding.line == 3, "\(finding)")
        #expect(finding.path == "/记录/杂项", "\(finding)")
    }

    @Test("a missing required attribute and a value of the wrong type are findings on their element")
    func attributes() throws {
        let missing = try validate("<记录>\n<项>甲</项>\n</记录>\n")
        #expect(missing.findings.first?.line == 1 && missing.findings.first?.path == "/记录", "\(missing)")
        #expect(missing.findings.contains { $0.message.contains("attributes") }, "\(missing)")
        let wrong = try validate("<记录 编号=\"x\">\n<项>甲</项>\n</记录>\n")
        #expect(wrong.findings.contains { $0.message.contains("positiveInteger") }, "\(wrong)")
        #expect(wrong.total >= wrong.findings.count && wrong.total >= 1)
    }

    @Test("findings beyond the number asked for are counted, not kept")
    func counted() throws {
        let items = (1...30).map { "<杂项\($0)/>" }.joined(separator: "\n")
        let result = try compiled().validate(
            Array("<记录 编号=\"x\">\n\(items)\n</记录>".utf8), source: "记录.xml", maxFindings: 2)
        #expect(result.findings.count == 2 && result.total > 2, "\(result)")
    }

    @Test("a document that is not well-formed, has a DOCTYPE, or is too large is refused with the reason")
    func refused() throws {
        let schema = try compiled()
        #expect {
            try schema.validate(Array("<记录 编号=\"3\">\n<项>甲</记录>".utf8), source: "坏.xml")
        } throws: { ($0 as? ODFError)?.code == .xmlSyntax && ($0 as? ODFError)?.line == 2 }
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE 记录 [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <记录 编号="3"><项>&b;</项></记录>
            """
        #expect { try schema.validate(Array(laughs.utf8), source: "笑.xml") } throws: {
            ($0 as? ODFError)?.code == .forbiddenDTD
        }
        let external = "<!DOCTYPE 记录 SYSTEM \"file:///etc/passwd\"><记录 编号=\"3\"><项>a</项></记录>"
        #expect { try schema.validate(Array(external.utf8), source: "外.xml") } throws: {
            ($0 as? ODFError)?.code == .forbiddenDTD
        }
        let many = "<记录 编号=\"3\">" + String(repeating: "<项>a</项>", count: 600) + "</记录>"
        #expect {
            try schema.validate(Array(many.utf8), source: "大.xml", limits: .init(maxBytes: 1 << 20, maxMarkup: 1000))
        } throws: { ($0 as? ODFError)?.code == .limitExceeded }
        #expect { try schema.validate([], source: "空.xml") } throws: { ($0 as? ODFError)?.code == .xmlSyntax }
    }

    @Test("bytes that are not a RELAX NG schema are refused with libxml2's reason")
    func notASchema() {
        for text in ["<not-a-grammar/>", "<grammar", "garbage \u{0}"] {
            #expect { try RelaxNGSchema(bytes: Array(text.utf8), source: "坏.rng") } throws: {
                ($0 as? ODFError)?.code == .invalidDocument
            }
        }
    }

    @Test("one schema validates on several threads at once exactly as on one")
    func threads() throws {
        let schema = try compiled()
        let documents = (0..<400).map { n in
            n % 3 == 0
                ? "<记录 编号=\"\(n + 1)\">\n<项>\(n)</项>\n</记录>"
                : "<记录 编号=\"\(n % 2 == 0 ? "x" : "\(n)")\">\n<项>\(n)</项>\n<杂项\(n)/>\n</记录>"
        }
        @Sendable func run(_ n: Int) -> String {
            do {
                let result = try schema.validate(Array(documents[n].utf8), source: "\(n).xml")
                return "\(result.total) " + result.findings.map(\.description).joined(separator: "|")
            } catch {
                return "\(error)"
            }
        }
        let serial = (0..<documents.count).map(run)
        let box = Box(count: documents.count)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for n in stride(from: worker, to: documents.count, by: 8) { box.set(n, run(n)) }
        }
        #expect(box.values == serial)
        #expect(serial.filter { $0.hasPrefix("0 ") }.count == 134)
    }
}

private final class Box: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String]
    init(count: Int) { storage = Array(repeating: "", count: count) }
    func set(_ index: Int, _ value: String) { lock.withLock { storage[index] = value } }
    var values: [String] { lock.withLock { storage } }
}

/// The OASIS ODF 1.3 schemas on flat documents and package parts, strict and not.
@Suite("ODF 1.3 schemas", .needs("odf-schema"))
struct ODFSchemasTests {
    func schemas() throws -> ODFSchemas {
        let folder = try #require(TestEnvironment.schemaDirectory, "\(TestEnvironment.describe("odf-schema"))")
        func read(_ name: String) throws -> [UInt8] {
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
        }
        return try ODFSchemas(
            document: read(ODFSchemas.documentSchemaFile), manifest: read(ODFSchemas.manifestSchemaFile),
            source: folder)
    }

    @Test("each part goes to its schema; pictures and other META-INF files to none")
    func partsAndSchemas() throws {
        let schemas = try schemas()
        #expect(schemas.schema(forPart: "content.xml") === schemas.document)
        #expect(schemas.schema(forPart: "Object 1/styles.xml") === schemas.document)
        #expect(schemas.schema(forPart: "META-INF/manifest.xml") === schemas.manifest)
        #expect(schemas.schema(forPart: "META-INF/documentsignatures.xml") == nil)
        #expect(schemas.schema(forPart: "Pictures/chart.svg") == nil)
        let parts: [(path: String, data: [UInt8])] = [
            ("mimetype", Array("application/vnd.oasis.opendocument.text".utf8)), ("Pictures/a.png", [0x89, 0x50]),
            ("META-INF/manifest.xml", Array(Self.manifest.utf8)),
        ]
        let results = schemas.validate(parts: parts, source: "报告.odt")
        #expect(results.map(\.part) == ["META-INF/manifest.xml"])
        #expect((try? results.first?.outcome.get())?.isValid == true, "\(results)")
    }

    static let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
         <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
         <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
        </manifest:manifest>
        """

    @Test("a manifest without a required attribute fails the manifest schema, naming its line")
    func manifest() throws {
        let broken = Self.manifest.replacingOccurrences(of: " manifest:media-type=\"text/xml\"", with: "")
        let result = try schemas().manifest.validate(Array(broken.utf8), source: "META-INF/manifest.xml")
        #expect(!result.isValid)
        #expect(
            result.findings.contains { $0.line == 4 && $0.path?.hasSuffix("manifest:file-entry[2]") == true },
            "\(result)")
    }

    @Test("Ducha's flat fixture is strictly valid; the slip LibreOffice saved in its default mode is not (loext:)")
    func flatDocuments() throws {
        let schemas = try schemas()
        let minimal = schemas.validate(
            flat: try TestEnvironment.fixture("minimal.fodt", in: "ODFTests"), source: "minimal.fodt")
        #expect((try? minimal.outcome.get())?.isValid == true, "\(minimal)")
        let edited = try TestEnvironment.fixture("督查通知单-LibreOffice编辑.fodt", in: "FillingTests")
        let result = try schemas.validate(flat: edited, source: "编辑.fodt").outcome.get()
        #expect(!result.isValid && result.total > 0)
        let first = try #require(result.findings.first)
        #expect(first.line != nil && first.path?.hasPrefix("/office:document/") == true, "\(result)")
    }
}
