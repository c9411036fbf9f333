import ArgumentParser
import Filling
import Intake
import Matters
import Rendering

struct FillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill",
        abstract: "用任意 JSON 数据填写任意模板，写出 .odt 或 .fodt（不登记文号，不归档）。",
        discussion: "JSON 的键即模板中的字段名；形如 YYYY-MM-DD 的文字可用 |日期 格式化。数据中缺少的字段留空并在标准错误上提示。"
    )

    @Argument(help: ArgumentHelp("模板文件（.fodt 或 .odt）", valueName: "TEMPLATE"))
    var template: String

    @Argument(help: ArgumentHelp("数据文件（JSON 对象）", valueName: "DATA.json"))
    var data: String

    @Option(name: .shortAndLong, help: ArgumentHelp("输出文件", valueName: "OUT.odt"))
    var output: String

    @Option(name: .customLong("format"), help: "输出格式：odt 或 fodt（缺省按输出文件扩展名）")
    var format: OutputFormat?

    @Option(name: .customLong("date"), help: ArgumentHelp("文档日期（写入 meta.xml 和 zip 时间）", valueName: "YYYY-MM-DD"))
    var date: CivilDate?

    func run() throws {
        let compiled = try FormTemplate.load(bytes: try readFile(template), name: template, schema: nil)
        let node: JSONNode
        do {
            node = try JSONParser.parse(try readFile(data))
        } catch let error as JSONParser.SyntaxError {
            throw ValidationError("\(data): 第 \(error.line) 行：不是有效的 JSON：\(error.message)")
        }
        let value = GenericData.value(node)
        guard case .record = value else { throw ValidationError("\(data): 最外层应为 JSON 对象") }
        let filled = compiled.fill(value)
        for name in filled.report.missing { warn("\(data): 数据中没有字段“\(name)”，已留空") }
        for problem in filled.report.problems { warn("\(template): \(problem)") }
        let day = date ?? today()
        let meta = DocumentMeta(
            title: output.split(separator: "/").last.map(String.init) ?? output, subject: "", matterID: "",
            date: (day.year, day.month, day.day))
        let flat = (format ?? (output.hasSuffix(".fodt") ? .fodt : .odt)) == .fodt
        let bytes =
            flat
            ? try DocumentRenderer.flat(
                mimetype: filled.mimetype, content: filled.content, styles: filled.styles,
                staticParts: filled.staticParts, meta: meta)
            : try DocumentRenderer.package(
                mimetype: filled.mimetype, content: filled.content, styles: filled.styles,
                stylesDeflated: filled.stylesDeflated,
                staticParts: filled.staticParts, meta: meta)
        try writeFile(bytes, to: output)
        print("已写出 \(output)")
    }
}
