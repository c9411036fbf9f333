import ArgumentParser
import DuchaCore
import Matters

extension CheckStage: ExpressibleByArgument {
    public init?(argument: String) { self.init(word: argument) }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "四性检测（DA/T 70-2018）：对档案（一个事项、一个年度、年度归档文件）或收到的移交包逐项检测真实性、完整性、可用性、安全性，写出检测报告（.odt、.ods、JSON）；有不通过项时退出码为 1。",
        discussion: """
            --stage 为 归档、移交（移交与接收）或 保存（长期保存）；缺省时检测移交包为“移交”，其余为“归档”。
            --package FILE.zip 检测收到的移交包（不读档案），--public-key 给出移交单位导出的 SM2 公钥，用来验证每个封装包和整个移交包的签名。
            报告写入 --report 目录（缺省为当前目录）：检测报告.odt、检测报告.ods、检测报告.json。装有 clamscan 时做病毒检测，没有时报告中写明未检测。只读档案，不用模板目录（--templates 可给出，不影响结果）。
            ODF 文档按 OASIS ODF 1.3 的 RELAX NG 模式严格校验：模式文件（OpenDocument-v1.3-schema.rng、OpenDocument-v1.3-manifest-schema.rng）在 --odf-schema 目录、环境变量 DUCHA_ODF_SCHEMA 给出的目录，或 /usr/local/share/ducha/odf-schema（scripts/install-dependencies.sh 装在这里）；找不到时该项写明未检测。与 .odt 同名的 .pdf（PDF/A 归档件）查其 XMP 中的 PDF/A-2b 声明和字体嵌入。
            """
    )

    @Option(name: .customLong("stage"), help: ArgumentHelp("检测环节：归档、移交、保存", valueName: "环节"))
    var stage: CheckStage?

    @Option(name: .customLong("year"), help: ArgumentHelp("只检测这一年度", valueName: "YYYY"))
    var year: Int?

    @Option(name: .customLong("package"), help: ArgumentHelp("检测收到的移交包", valueName: "FILE.zip"))
    var package: String?

    @Option(name: .customLong("public-key"), help: ArgumentHelp("移交单位的 SM2 公钥", valueName: "PUBLIC.pem"))
    var publicKey: String?

    @Option(
        name: .customLong("odf-schema"), help: ArgumentHelp("ODF 1.3 RELAX NG 模式文件所在的目录", valueName: "DIR"))
    var odfSchema: String?

    @Option(name: .customLong("report"), help: ArgumentHelp("检测报告写入的目录", valueName: "DIR"))
    var report = "."

    @Option(name: .customLong("date"), help: ArgumentHelp("检测日期（缺省为今天）", valueName: "YYYY-MM-DD"))
    var date: CivilDate?

    @Argument(help: ArgumentHelp("只检测这些事项（或 dossier 等年度档案包）", valueName: "MATTER-ID"))
    var matters: [String] = []

    @OptionGroup var workspace: WorkspaceOptions

    func validate() throws {
        if let odfSchema, !ODFSchemaLocation.holdsSchemas(odfSchema) {
            throw ValidationError(
                "--odf-schema 给出的目录 \(odfSchema) 中没有 " + ODFSchemaLocation.files.joined(separator: "、")
                    + "（取自 \(ODFSchemaLocation.oasisURL)）")
        }
    }

    func run() throws {
        let request = CheckRequest(
            stage: stage ?? (package == nil ? .archiving : .transfer),
            archive: package == nil ? workspace.archiveOptions.archive : nil, year: year, matters: matters,
            package: package,
            publicKey: publicKey, odfSchema: odfSchema)
        let day = date ?? .today()
        let result: CheckReport
        do {
            result = try ArchiveCheck.run(request, date: day)
        } catch DuchaError.invalidRequest(let message) {
            throw ValidationError(message)
        }
        for outcome in result.outcomes {
            say("\(outcome.item.code(at: result.stage)) \(outcome.item.title)：\(outcome.verdict.rawValue)")
            if outcome.verdict != .passed {
                for line in outcome.evidence.prefix(6) { say("    \(line)") }
            }
        }
        let paths = try CheckReportFiles.write(result, to: report, date: day)
        print("检测对象：\(escapedLines(result.subject))")
        print(
            "结论：" + (result.passed ? "通过" : "不通过（\(result.failed.count) 项）") + "；检测报告 → " + paths.joined(separator: "、")
        )
        if !result.passed { throw ExitCode.failure }
    }
}
