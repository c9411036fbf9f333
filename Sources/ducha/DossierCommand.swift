import ArgumentParser
import DuchaCore
import Matters

struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "年度归档：按 DA/T 22-2015 整理一年的督查文件，写出归档文件目录（.odt、.ods、XML）、归档章数据和备考表，存为 Archive/<年度>/dossier/ 包。",
        discussion: """
            分类为 年度—保管期限—机构（问题），类内按事项、按时间排列；档号为 全宗号-WS·年度-保管期限-机构代码-件号。
            全宗号、机构代码、整理人、检查人和各类事项的保管期限取自机关配置的“档案”一节。页数由 LibreOffice 排版后计算。
            --export FILE.zip 写出移交包（BagIt 包的 zip），不含涉密事项的任何内容，除非给出 --include-classified。
            """
    )

    @Argument(help: ArgumentHelp("年度", valueName: "YYYY"))
    var year: Int

    @Option(name: .customLong("date"), help: ArgumentHelp("编制日期（缺省为该年度最后一件文件的日期）", valueName: "YYYY-MM-DD"))
    var date: CivilDate?

    @Option(name: .customLong("export"), help: ArgumentHelp("另写出移交用的 zip 包", valueName: "FILE.zip"))
    var export: String?

    @Flag(name: .customLong("include-classified"), help: "移交包也收涉密事项")
    var includeClassified = false

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let result: DossierResult
        do {
            result = try workspace.write { office in
                try office.writeDossier(
                    year: year, date: date, export: export, includeClassified: includeClassified,
                    progress: ProgressLine(quiet: false))
            }
        } catch DuchaError.invalidRequest(let message) {
            throw ValidationError(message)
        }
        print("归档文件目录：\(result.items) 件，\(result.pages) 页 → \(result.folder)")
        if let export = result.export {
            print(
                "移交包：\(export.items) 件" + (export.withheld > 0 ? "（涉密 \(export.withheld) 件未收）" : "")
                    + " → \(export.path)")
            if !export.signed { warn("移交包未签名：先运行 ducha key init 生成督查室的 SM2 密钥") }
        }
    }
}
