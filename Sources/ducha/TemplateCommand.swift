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
            discussion: """
                字段按单据的字段目录检查：事项字段，加文号、发文日期、机关名称、联系电话、签发人、单据名称，再加该单据自己的字段。
                单据由 --form 指明，缺省按文件名判断（如“督查催办单.fodt”）；判断不出时按所有单据的字段检查。--generic 只查结构。
                """
        )

        @Option(name: .customLong("form"), help: ArgumentHelp("单据名称，如 督查催办单", valueName: "名称"))
        var form: String?

        @Argument(help: ArgumentHelp("模板文件（.fodt 或 .odt）", valueName: "FILE"))
        var file: String

        @Flag(name: .customLong("generic"), help: "不按字段目录检查字段名，只检查结构（用于 ducha fill 的通用模板）")
        var generic = false

        func run() throws {
            var schema: [FieldSpec]?
            if !generic {
                if let form {
                    guard let chosen = Form(rawValue: form) else {
                        throw ValidationError(
                            "没有单据“\(form)”（应为 " + Form.allCases.map(\.rawValue).joined(separator: "、") + " 之一）")
                    }
                    schema = FormCatalogue.schema(for: chosen)
                } else {
                    schema =
                        FormCatalogue.form(forTemplateNamed: file).map(FormCatalogue.schema)
                        ?? FormCatalogue.anySlipSchema
                }
            }
            let problems = FormTemplate.check(bytes: try readFile(file), name: file, schema: schema)
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
