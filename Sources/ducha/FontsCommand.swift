import ArgumentParser
import DuchaCore

struct FontsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fonts",
        abstract:
            "公文字体：列出仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312、宋体在本机实际用哪个字体排版（按模板目录的 fonts.conf，与生成 PDF 时相同），并检查文档中有没有该字体缺的字。",
        discussion: """
            文档中仍写明公文字体名，在装有这些字体的政务电脑上按原字体显示；本机生成 PDF 时按 Templates/fonts.conf 用替代字体（需 fontconfig 的 fc-match）。
            给出文档（.odt 或 .fodt）时，逐个字体列出文档用到而该字体没有的字：LibreOffice 会从别的字体借字印出，但字形与公文字体不同。有缺字时退出码为 1。
            只读模板目录；不用档案目录（--archive 可给出，不影响结果）。
            """
    )

    @Argument(help: ArgumentHelp("要检查缺字的文档", valueName: "FILE"))
    var documents: [String] = []

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let report = try workspace.workspace().fontReport(documents: documents)
        say("公文字体（按 \(workspace.templateOptions.templates)/fonts.conf）：")
        for face in report.faces {
            let kind = face.font.isSubstitute ? "替代字体" : "原字体"
            say("  \(face.name)（\(face.role)）→ \(face.font.family)（\(face.font.style)，\(kind)）\(face.font.file)")
        }
        for gap in report.gaps {
            let shown = gap.characters.prefix(20).map { character -> String in
                let code = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }
                return "“\(character)”(\(code.joined(separator: " ")))"
            }
            let more = gap.characters.count > 20 ? " 等 \(gap.characters.count) 个字" : ""
            warn("\(gap.document): \(gap.face)（\(gap.font)）缺字 \(shown.joined(separator: "、"))\(more)：将借用其他字体印出")
        }
        if !documents.isEmpty {
            print(report.gaps.isEmpty ? "\(documents.count) 个文档的字，替代字体都有。" : "\(report.gaps.count) 处缺字。")
        }
        if !report.gaps.isEmpty { throw ExitCode.failure }
    }
}
