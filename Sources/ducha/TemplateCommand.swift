import ArgumentParser
import Filling
import Matters

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "模板工具。",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "检查模板：未知字段、未结束或交叉的区块、跨段落的标签，逐条列出所在段落；有问题时退出码为 1。",
            discussion: "字段按单据字段目录（事项字段加文号、发文日期、机关名称、联系电话、签发人、单据名称）检查；--generic 只查结构。"
        )

        @Argument(help: ArgumentHelp("模板文件（.fodt 或 .odt）", valueName: "FILE"))
        var file: String

        @Flag(name: .customLong("generic"), help: "不按字段目录检查字段名，只检查结构（用于 ducha fill 的通用模板）")
        var generic = false

        func run() throws {
            let problems = FormTemplate.check(
                bytes: try readFile(file), name: file, schema: generic ? nil : FormCatalogue.schema(for: .notice))
            guard !problems.isEmpty else {
                print("\(file): 模板无误。")
                return
            }
            for problem in problems { print("\(file): \(problem)") }
            print("共 \(problems.count) 处问题。")
            throw ExitCode.failure
        }
    }
}
