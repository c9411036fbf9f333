import ODF
import Testing

@testable import Filling

@Suite("Values reach the document exactly")
struct EscapingTests {
    static let samples = [
        "R&D <研发> \"专项\" 'A' ]]> 完",
        "第一行\n第二行\n\n第四行",
        "甲\t乙\t\t丙",
        "  两个前导空格",
        "结尾空格  ",
        "中间   三个空格",
        " ",
        "单 个 空 格",
        "换行后\n  缩进",
        "朱镕基 吉𠮷祥 &amp; 不是实体",
        "制表\t 后空格 \t前空格",
    ]

    @Test("text round-trips through escaping, line breaks, tabs and runs of spaces", arguments: samples)
    func roundTrip(_ value: String) throws {
        let (root, _) = try fill("<text:p>{{值}}</text:p>", .record(["值": .text(value)]))
        #expect(paragraphTexts(root) == [value])
    }

    @Test("escaping writes well-formed XML and no raw markup characters")
    func wellFormed() throws {
        let part = try CompiledPart.compile(
            try contentPart("<text:p>{{值}}</text:p>"), part: "content.xml", template: "t", schema: nil)
        var out: [UInt8] = []
        part.fill(.record(["值": .text("<text:p>注入</text:p> & ]]>")]), into: &out)
        let xml = String(decoding: out, as: UTF8.self)
        #expect(xml.contains("&lt;text:p&gt;注入&lt;/text:p&gt; &amp; ]]&gt;"))
        #expect(elements("text:p", in: try XMLDocumentParser.parse(out, source: "x")).count == 1)
    }
}
