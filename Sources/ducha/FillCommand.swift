import ArgumentParser
import DuchaCore
import Matters

struct FillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fill",
        abstract: "用任意 JSON 数据填写任意模板，写出 .odt 或 .fodt（不登记文号，不归档）。",
        discussion: """
            JSON 的键即模板中的字段名；形如 YYYY-MM-DD 的文字可用 |日期 格式化。数据中缺少的字段留空并在标准错误上提示。
            与其他命令一样接受 --archive、--templates、--wait（模板由 TEMPLATE 给出，不用它们）。
            """
    )

    @Argument(help: ArgumentHelp("模板文件（.fodt 或 .odt）", valueName: "TEMPLATE"))
    var template: String

    @Argument(help: ArgumentHelp("数据文件（JSON 对象）", valueName: "DATA.json"))
    var data: String

    @Option(name: .shortAndLong, help: ArgumentHelp("输出文件", valueName: "OUT.odt"))
    var output: String

    @Option(name: .customLong("format"), help: "输出格式：odt 或 fodt（缺省按输出文件扩展名）")
    var format: DocumentFormat?

    @Option(name: .customLong("date"), help: ArgumentHelp("文档日期（写入 meta.xml 和 zip 时间）", valueName: "YYYY-MM-DD"))
    var date: CivilDate?

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let result: GenericFill.Result
        do {
            result = try GenericFill.fill(
                template: template, data: data, format: format ?? (output.hasSuffix(".fodt") ? .fodt : .odt),
                date: date ?? CivilDate.today(), title: output.split(separator: "/").last.map(String.init) ?? output)
        } catch DuchaError.invalidRequest(let message) {
            throw ValidationError(message)
        }
        for name in result.missing { warn("\(data): 数据中没有字段“\(name)”，已留空") }
        for problem in result.problems { warn("\(template): \(problem)") }
        try Files.write(result.bytes, to: output)
        print("已写出 \(output)")
    }
}
