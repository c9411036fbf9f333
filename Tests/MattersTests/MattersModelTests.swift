import Testing

@testable import Matters

@Suite("Document numbers")
struct DocumentNumberTests {
    @Test(
        "Printed with 六角括号, full year and no leading zeros",
        arguments: [
            ("西督通", 2026, 12, "西督通〔2026〕12号"),
            ("西督催", 2026, 1, "西督催〔2026〕1号"),
            ("西督转", 2025, 108, "西督转〔2025〕108号"),
        ])
    func printed(prefix: String, year: Int, serial: Int, text: String) {
        let number = DocumentNumber(prefix: prefix, year: year, serial: serial)
        #expect(number.description == text)
        #expect("\(number)" == text)
    }

    @Test("Serials compare as numbers, not as text")
    func ordering() {
        let nine = DocumentNumber(prefix: "西督通", year: 2026, serial: 9)
        let twelve = DocumentNumber(prefix: "西督通", year: 2026, serial: 12)
        let lastYear = DocumentNumber(prefix: "西督通", year: 2025, serial: 300)
        #expect(nine < twelve)
        #expect(!(twelve < nine))
        #expect(lastYear < nine)
        #expect([twelve, lastYear, nine].sorted() == [lastYear, nine, twelve])
    }
}

@Suite("Office profile")
struct OfficeProfileTests {
    static let profile = OfficeProfile(
        name: "北京市西城区人民政府督查室", parent: "北京市西城区人民政府办公室", signer: "王建国",
        phone: "010-83291234",
        numberPrefixes: ["督查通知单": "西督通", "督查催办单": "西督催", "督查退办单": "", "其他单": "西督他"])

    @Test("Prefix of a configured form")
    func prefixOfConfiguredForms() throws {
        #expect(try Self.profile.prefix(for: .notice) == "西督通")
        #expect(try Self.profile.prefix(for: .reminder) == "西督催")
    }

    @Test("A missing or empty prefix is an error naming the key", arguments: [Form.returnSlip, .transfer])
    func missingPrefix(form: Form) {
        let error = #expect(throws: DiagnosticsError.self) { try Self.profile.prefix(for: form) }
        let diagnostic = error?.diagnostics.first
        #expect(error?.diagnostics.count == 1)
        #expect(diagnostic?.field == "文号前缀." + form.rawValue)
        #expect(diagnostic?.file == "office-profile.json")
        #expect(diagnostic?.description.hasPrefix("office-profile.json:文号前缀.\(form.rawValue): ") == true)
        #expect(diagnostic?.description.contains("《\(form.rawValue)》") == true)
    }

    @Test("The profile catalogue lists every form under 文号前缀")
    func catalogueListsEveryForm() throws {
        let prefixes = try #require(OfficeProfile.fields.spec("文号前缀"))
        guard case .record(let forms) = prefixes.type else {
            Issue.record("文号前缀 is not a record: \(prefixes.type)")
            return
        }
        #expect(
            forms.map(\.key) == ["督查通知单", "督查催办单", "督查退办单", "领导批示转阅（办）单"])
        #expect(
            OfficeProfile.fields.filter(\.required).map(\.key) == ["机关名称", "上级机关", "签发人", "联系电话"])
    }
}

@Suite("Diagnostics")
struct DiagnosticTests {
    @Test("Description joins file, location and field, then problem and expectation")
    func fullDescription() {
        let diagnostic = Diagnostic(
            file: "重点任务.json", location: "记录 3（2026-003，第 45 行）", field: "主责单位.电话",
            problem: "电话号码格式不对“abc”", expectation: "电话号码，如 010-83291234")
        #expect(
            diagnostic.description
                == "重点任务.json:记录 3（2026-003，第 45 行）:主责单位.电话: 电话号码格式不对“abc”（应为电话号码，如 010-83291234）")
    }

    @Test("Empty parts are left out; warnings are marked")
    func partialDescriptions() {
        let plain = Diagnostic(file: "a.json", location: "", field: "", problem: "坏了")
        #expect(plain.description == "a.json: 坏了")
        let noField = Diagnostic(file: "a.json", location: "第 2 行", field: "", problem: "坏了")
        #expect(noField.description == "a.json:第 2 行: 坏了")
        let warning = Diagnostic(
            .warning, file: "a.json", location: "", field: "备注", problem: "有点怪", expectation: "别的")
        #expect(warning.description == "a.json:备注: （警告）有点怪（应为别的）")
    }

    @Test("An error lists every diagnostic and counts only the errors")
    func errorDescription() {
        let error = DiagnosticsError([
            Diagnostic(file: "a.json", location: "", field: "x", problem: "一"),
            Diagnostic(.warning, file: "a.json", location: "", field: "y", problem: "二"),
            Diagnostic(file: "b.json", location: "", field: "z", problem: "三"),
        ])
        #expect(error.description == "a.json:x: 一\na.json:y: （警告）二\nb.json:z: 三\n共 2 处错误。")
    }
}

@Suite("Field catalogue and values")
struct CatalogueTests {
    @Test("Required fields of a matter")
    func requiredFields() {
        #expect(
            MatterCatalogue.fields.filter(\.required).map(\.key) == [
                "编号", "事项名称", "事项类型", "事项来源", "立项依据", "主责单位", "办理要求", "立项日期", "办理时限", "督查员",
            ])
        #expect(Set(MatterCatalogue.fields.map(\.key)).count == MatterCatalogue.fields.count)
        #expect(MatterCatalogue.sources.count == 5)
    }

    @Test("Expectations read as the error messages need them")
    func expectations() {
        #expect(FieldType.choice(["督办", "转阅"]).expectation == "“督办”、“转阅”之一")
        #expect(FieldType.record(MatterCatalogue.unit).expectation == "含 名称、联系人、电话 的对象")
        #expect(FieldType.list(.flag).expectation == "数组，每项为true 或 false")
        #expect(FieldType.date.expectation.contains("YYYY-MM-DD"))
    }

    @Test("spec(_:) finds a field by key")
    func specLookup() {
        #expect(MatterCatalogue.fields.spec("办理时限")?.label == "办理时限")
        #expect(MatterCatalogue.fields.spec("媒体曝光")?.type == .flag)
        #expect(MatterCatalogue.fields.spec("办理时间") == nil)
    }

    @Test("A record keeps insertion order; setting nil removes; equality is order-sensitive")
    func fieldRecord() {
        var record = FieldRecord()
        #expect(record.isEmpty)
        record["b"] = .text("2")
        record["a"] = .flag(true)
        record["b"] = .text("3")
        #expect(record.entries.map(\.key) == ["b", "a"])
        #expect(record["b"] == .text("3"))
        #expect(record["c"] == nil)
        let reordered = FieldRecord([("a", .flag(true)), ("b", .text("3"))])
        #expect(record != reordered)
        #expect(record == FieldRecord([("b", .text("3")), ("a", .flag(true))]))
        record["b"] = nil
        #expect(record.entries.map(\.key) == ["a"])
        record["zzz"] = nil
        #expect(record.entries.count == 1)
    }

    @Test("Value accessors only answer for their own case")
    func valueAccessors() throws {
        let date = try #require(CivilDate(iso: "2026-03-05"))
        #expect(FieldValue.text("x").text == "x")
        #expect(FieldValue.text("x").date == nil)
        #expect(FieldValue.date(date).date == date)
        #expect(FieldValue.date(date).text == nil)
        #expect(FieldValue.list([.text("a")]).list == [.text("a")])
        #expect(FieldValue.flag(true).list == nil)
        #expect(FieldValue.record(FieldRecord([("k", .text("v"))])).record?["k"] == .text("v"))
        #expect(FieldValue.text("x").record == nil)
    }

    @Test("Matter accessors read the catalogue fields")
    func matterAccessors() throws {
        let registered = try #require(CivilDate(iso: "2026-03-02"))
        let deadline = try #require(CivilDate(iso: "2026-04-30"))
        let unit = { (name: String) in FieldValue.record(FieldRecord([("名称", .text(name))])) }
        let matter = Matter(
            values: FieldRecord([
                ("编号", .text("2026-101")), ("事项名称", .text("老旧小区综合整治")), ("事项类型", .text("重点任务")),
                ("主责单位", unit("区住房城市建设委")), ("协办单位", .list([unit("区财政局"), unit("德胜街道")])),
                ("立项日期", .date(registered)), ("办理时限", .date(deadline)),
            ]))
        #expect(matter.id == "2026-101")
        #expect(matter.title == "老旧小区综合整治")
        #expect(matter.kind == .keyTask)
        #expect(matter.handling == .supervise)
        #expect(matter.registered == registered)
        #expect(matter.deadline == deadline)
        #expect(matter.assignedOn == nil)
        #expect(matter.leadUnit == "区住房城市建设委")
        #expect(matter.coUnits == ["区财政局", "德胜街道"])
        #expect(!matter.isClassified)
        #expect(matter.year == 2026)

        var values = matter.values
        values["办理方式"] = .text("转阅")
        values["密级"] = .text("秘密")
        values["交办日期"] = .date(registered.adding(days: 1))
        let other = Matter(values: values)
        #expect(other.handling == .transfer)
        #expect(other.isClassified)
        #expect(other.assignedOn?.iso == "2026-03-03")
    }
}
