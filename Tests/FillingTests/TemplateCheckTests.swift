import Matters
import Testing

@testable import Filling

@Suite("template check names every problem with its paragraph")
struct TemplateCheckTests {
    let schema = FormCatalogue.schema(for: .notice)

    @Test("an unknown field is named, with the paragraph's text")
    func unknownField() throws {
        let found = try problems("<text:p>时限：{{办理时间|日期}}</text:p>", schema: schema)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("未知字段“办理时间”") == true)
        #expect(found.first?.paragraph == "时限：{{办理时间|日期}}")
    }

    @Test("unknown fields inside a section are checked against the item's fields")
    func sectionScope() throws {
        #expect(try problems("<text:p>{{#协办单位}}{{名称}}{{联系人}}{{/协办单位}}</text:p>", schema: schema).isEmpty)
        let found = try problems("<text:p>{{#协办单位}}{{单位名}}{{/协办单位}}</text:p>", schema: schema)
        #expect(found.map(\.message) == ["未知字段“单位名”"])
    }

    @Test("an unclosed section is reported")
    func unclosed() throws {
        let found = try problems("<text:p>{{#协办单位}}{{名称}}</text:p><text:p>完</text:p>", schema: schema)
        #expect(found.contains { $0.message.contains("没有结束标签") && $0.paragraph == "{{#协办单位}}{{名称}}" })
    }

    @Test("crossed sections are reported")
    func crossed() throws {
        let found = try problems("<text:p>{{#协办单位}}{{#密级}}{{/协办单位}}{{/密级}}</text:p>", schema: schema)
        #expect(found.contains { $0.message.contains("区块交叉") })
    }

    @Test("a tag that spans paragraphs is reported, quoting the paragraph")
    func spansParagraphs() throws {
        let found = try problems("<text:p>事项：{{事项</text:p><text:p>名称}}</text:p>", schema: schema)
        #expect(found.contains { $0.message.contains("没有在本段内结束") && $0.paragraph == "事项：{{事项" })
    }

    @Test("a section across paragraphs that are not alone, nor in one row, is reported")
    func misplacedSection() throws {
        let found = try problems("<text:p>甲{{#协办单位}}</text:p><text:p>{{名称}}{{/协办单位}}</text:p>", schema: schema)
        #expect(found.contains { $0.message.contains("跨了段落") })
    }

    @Test("a group used as a value, a list used as a value and a wrong formatter are reported")
    func typeMisuse() throws {
        let found = try problems(
            "<text:p>{{主责单位}}{{协办单位}}{{事项名称|日期}}{{办理时限|大写}}</text:p>", schema: schema)
        #expect(found.count == 4)
    }

    @Test("without a schema only the structure is checked")
    func generic() throws {
        #expect(try problems("<text:p>{{任意字段}}{{#列表}}{{.}}{{/列表}}</text:p>").isEmpty)
        #expect(try problems("<text:p>{{#列表}}</text:p>").count == 1)
    }
}
