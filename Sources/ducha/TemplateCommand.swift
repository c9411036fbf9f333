import ArgumentParser
import DuchaCore
import Matters

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "模板工具。",
        subcommands: [Check.self, Ledger.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "检查模板：未知字段、未结束或交叉的区块、跨段落的标签，逐条列出所在段落；有问题时退出码为 1。",
            discussion: """
                字段按单据的字段目录检查：事项字段，加文号、发文日期、机关名称、联系电话、签发人、单据名称，再加该单据自己的字段。
                单据由 --form 指明，缺省按文件名判断（如“督查催办单.fodt”）；判断不出时按所有单据的字段检查。--generic 只查结构。
                与其他命令一样接受 --archive、--templates、--wait（此命令只读给出的模板文件，不用它们）。
                """
        )

        @Option(name: .customLong("form"), help: ArgumentHelp("单据名称，如 督查催办单", valueName: "名称"))
        var form: String?

        @Argument(help: ArgumentHelp("模板文件（.fodt 或 .odt）", valueName: "FILE"))
        var file: String

        @Flag(name: .customLong("generic"), help: "不按字段目录检查字段名，只检查结构（用于 ducha fill 的通用模板）")
        var generic = false

        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            var schema = TemplateTools.Schema.byName
            if generic {
                schema = .structureOnly
            } else if let form {
                guard let chosen = Form(rawValue: form) else {
                    throw ValidationError(
                        "没有单据“\(form)”（应为 " + Form.allCases.map(\.rawValue).joined(separator: "、") + " 之一）")
                }
                schema = .form(chosen)
            }
            let problems = try TemplateTools.check(file, schema: schema)
            guard !problems.isEmpty else {
                say("\(file): 模板无误。")
                return
            }
            for problem in problems { say("\(file): \(problem)") }
            print("共 \(problems.count) 处问题。")
            throw ExitCode.failure
        }
    }

    struct Ledger: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "写出空白台账（事项、事件两张表和填表说明），表头为字段目录的中文名，附一行示例，供办事员从正确的文件开始填写。",
            discussion: "CSV 只含事项表（UTF-8，带 BOM，Excel 和 WPS 可直接打开）。与其他命令一样接受 --archive、--templates、--wait（不用它们）。"
        )

        @Option(name: .customLong("format"), help: "xlsx、ods 或 csv")
        var format: TemplateTools.LedgerFormat = .xlsx

        @Option(name: .shortAndLong, help: ArgumentHelp("输出文件（缺省为“台账模板.<格式>”）", valueName: "FILE"))
        var output: String?

        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            let path = output ?? "台账模板.\(format.rawValue)"
            try Files.write(try TemplateTools.blankLedger(format), to: path)
            print("已写出 \(path)")
        }
    }
}

extension TemplateTools.LedgerFormat: ExpressibleByArgument {}
