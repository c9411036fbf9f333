import Foundation
import TestSupport
import Testing

@testable import Intake
@testable import Matters

func bytes(of url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

/// Every text in a value, records and lists included.
func allTexts(_ value: FieldValue) -> [String] {
    switch value {
    case .text(let s): return [s]
    case .date, .flag: return []
    case .list(let items): return items.flatMap(allTexts)
    case .record(let record): return record.entries.flatMap { allTexts($0.value) }
    }
}

@Suite("Shipped examples")
struct ExamplesTests {
    /// The example files of one kind: matter records, or event records (objects with an `事件` key).
    static func exampleFiles(events: Bool = false) throws -> [URL] {
        let folder = TestEnvironment.packageRoot.appendingPathComponent("Examples")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .filter { url in
                let first = (try? JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])?.first
                return (first?["事件"] != nil) == events
            }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func read() throws -> MatterReader.Result {
        let files = try exampleFiles().map { (name: $0.lastPathComponent, bytes: try bytes(of: $0)) }
        return MatterReader.read(files: files)
    }

    @Test("The example events are read without a single diagnostic, attachments included")
    func eventsRead() throws {
        let files = try Self.exampleFiles(events: true)
        #expect(files.count == 1)
        let result = EventReader.read(files: try files.map { (name: $0.path, bytes: try bytes(of: $0)) }) { path in
            FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        }
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.events.count >= 50)
        #expect(result.events.contains { $0.attachments.contains { $0.name.hasSuffix(".pdf") } })
    }

    @Test("Every example file is read without a single diagnostic")
    func noDiagnostics() throws {
        let files = try Self.exampleFiles()
        #expect(files.count >= 2)
        let result = try Self.read()
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.filesWithErrors.isEmpty)
        // Foundation's parser, independently, counts the records of each file.
        for url in files {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
            let records = (object as? [Any]) ?? ((object as? [String: Any])?["事项"] as? [Any]) ?? []
            #expect(
                result.files.filter { $0 == url.lastPathComponent }.count == records.count,
                "\(url.lastPathComponent)")
        }
    }

    @Test("The examples cover the catalogue")
    func coverage() throws {
        let result = try Self.read()
        let matters = result.matters
        #expect(matters.count >= 30)
        #expect(Set(matters.map(\.id)).count == matters.count)
        #expect(Set(matters.map(\.kind)) == [.keyTask, .instruction])
        let sources = Set(matters.compactMap { $0.values["事项来源"]?.text })
        #expect(
            sources == [
                "法律法规和规范性文件贯彻落实", "重要会议决定事项", "重大决策和重要事项", "领导批示和交办事项", "其他",
            ])
        #expect(matters.contains { $0.coUnits.count >= 5 })
        #expect(matters.contains { $0.handling == .transfer })
        #expect(matters.filter { $0.kind == .instruction }.allSatisfy { $0.values["领导批示"] != nil })
        #expect(matters.allSatisfy { $0.deadline >= $0.registered })
    }

    @Test(
        "The examples hold rare characters and XML special characters",
        arguments: ["镕", "𠮷", "&", "<", ">", "\"", "'", "]]>"])
    func specialCharacters(fragment: String) throws {
        let texts = try Self.read().matters.flatMap { allTexts(.record($0.values)) }
        #expect(texts.contains { $0.contains(fragment) })
    }
}

@Suite("Office profile reader")
struct OfficeProfileReaderTests {
    static let file = TestEnvironment.packageRoot.appendingPathComponent("Templates/office-profile.json")

    static let profileText = """
        {
          "机关名称": "北京市西城区人民政府督查室",
          "上级机关": "北京市西城区人民政府办公室",
          "签发人": "王建国",
          "联系电话": "010-83291234",
          "文号前缀": {"督查通知单": "西督通"}
        }
        """

    static func read(_ text: String) throws(DiagnosticsError) -> OfficeProfile {
        try OfficeProfileReader.read(bytes: Array(text.utf8), file: "office-profile.json")
    }

    @Test("The shipped profile is read")
    func shippedProfile() throws {
        let profile = try OfficeProfileReader.read(bytes: try bytes(of: Self.file), file: "office-profile.json")
        #expect(profile.name == "北京市西城区人民政府督查室")
        #expect(profile.parent == "北京市西城区人民政府办公室")
        #expect(profile.signer == "王建国")
        #expect(profile.phone == "010-83291234")
        #expect(profile.numberPrefixes.count == 4)
    }

    @Test(
        "The shipped profile has a prefix for every form",
        arguments: [
            (Form.notice, "西督通"), (.reminder, "西督催"), (.returnSlip, "西督退"), (.transfer, "西督转"),
        ])
    func prefixes(form: Form, prefix: String) throws {
        let profile = try OfficeProfileReader.read(bytes: try bytes(of: Self.file), file: "office-profile.json")
        #expect(try profile.prefix(for: form) == prefix)
    }

    @Test("Every form is covered by the prefix test")
    func everyFormCovered() {
        #expect(Set(Form.allCases) == [.notice, .reminder, .returnSlip, .transfer])
    }

    @Test("A document number made from the profile prints 西督通〔2026〕12号")
    func documentNumber() throws {
        let profile = try OfficeProfileReader.read(bytes: try bytes(of: Self.file), file: "office-profile.json")
        let number = DocumentNumber(prefix: try profile.prefix(for: .notice), year: 2026, serial: 12)
        #expect(number.description == "西督通〔2026〕12号")
    }

    @Test("A profile missing 签发人 is refused with the key named")
    func missingSigner() throws {
        let text = Self.profileText.replacing("  \"签发人\": \"王建国\",\n", with: "")
        #expect(!text.contains("签发人"))
        let error = #expect(throws: DiagnosticsError.self) { try Self.read(text) }
        #expect(error?.diagnostics.map(\.field) == ["签发人"])
        #expect(
            error?.diagnostics.map(\.description) == ["office-profile.json:签发人: 缺少必填字段“签发人”（应为一行文字）"])
    }

    @Test("Every problem of a profile is reported")
    func severalProblems() throws {
        let text = Self.profileText
            .replacing("010-83291234", with: "八三二九")
            .replacing("\"督查通知单\": \"西督通\"", with: "\"通知单\": \"西督通\"")
            .replacing("\"机关名称\": \"北京市西城区人民政府督查室\"", with: "\"机关名称\": \"\"")
        let error = #expect(throws: DiagnosticsError.self) { try Self.read(text) }
        #expect(error?.diagnostics.map(\.field) == ["机关名称", "联系电话", "文号前缀.通知单"])
    }

    @Test("A profile that is not JSON is refused with its line")
    func notJSON() {
        let error = #expect(throws: DiagnosticsError.self) {
            try Self.read("{\n  \"机关名称\": \"x\"\n  \"签发人\": \"y\"\n}")
        }
        #expect(error?.diagnostics.count == 1)
        #expect(error?.diagnostics.first?.location == "第 3 行")
        #expect(error?.diagnostics.first?.file == "office-profile.json")
    }

    @Test("Without 文号前缀 the profile reads, but asking for a prefix names the missing key")
    func withoutPrefixes() throws {
        let text = Self.profileText.replacing(",\n  \"文号前缀\": {\"督查通知单\": \"西督通\"}", with: "")
        let profile = try Self.read(text)
        #expect(profile.numberPrefixes.isEmpty)
        let error = #expect(throws: DiagnosticsError.self) { try profile.prefix(for: .notice) }
        #expect(error?.diagnostics.map(\.field) == ["文号前缀.督查通知单"])
        let partial = try Self.read(Self.profileText)
        #expect(try partial.prefix(for: .notice) == "西督通")
        #expect(throws: DiagnosticsError.self) { try partial.prefix(for: .transfer) }
    }
}
