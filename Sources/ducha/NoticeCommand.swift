import ArgumentParser
import DuchaCore
import Matters

struct NoticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "交办：为督办事项签发《督查通知单》，登记文号，记录“交办”事件，存入事项档案的“交办”文件夹。",
        discussion: """
            装有 LibreOffice 时，另在每份 .odt 旁存 PDF/A-2b 归档件（已有的不重写；--no-pdfa 不存）。
            发文日期依次取 --date、事项的“交办日期”、当天。已交办的事项沿用原文号和原日期，重新生成的文件与原文件逐字节相同。
            转阅事项不发通知单（用 ducha transfer 发《领导批示转阅（办）单》）。
            """
    )

    @Argument(help: ArgumentHelp("事项编号", valueName: "MATTER-ID"))
    var ids: [String] = []

    @Flag(name: .customLong("all"), help: "为档案中所有待交办和已交办的督办事项签发（已签发的原样重生成）")
    var all = false

    @Option(name: .customLong("date"), help: ArgumentHelp("发文日期", valueName: "YYYY-MM-DD"))
    var date: CivilDate?

    @Option(name: .customLong("format"), help: "归档格式：odt（默认）或 fodt（单文件 XML）")
    var format: DocumentFormat = .odt

    @Option(name: .customLong("pdf"), help: ArgumentHelp("另将 PDF 打印件写到此目录（需 LibreOffice）", valueName: "DIR"))
    var pdfDirectory: String?

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var archival: ArchivalCopyOptions

    func validate() throws {
        if ids.isEmpty && !all { throw ValidationError("请给出事项编号，或用 --all") }
    }

    func run() throws {
        try workspace.write(format: format) { office in
            let run = try office.assign(ids, all: all, date: date)
            warn(run.problems)
            for slip in run.slips { print("\(slip.matter) 《督查通知单》\(slip.number)：\(slip.path)") }
            try archival.file(run.slips.map(\.path), in: office, byDefault: true)
            if let pdfDirectory, !run.slips.isEmpty {
                let pdfs = try office.workspace.printCopies(of: run.slips.map(\.path), into: pdfDirectory)
                print("PDF 打印件 \(pdfs.count) 份：\(pdfDirectory)")
            }
            let failed = Set(run.problems.compactMap(\.matter)).count
            print("共签发 \(run.slips.count) 份《督查通知单》" + (failed > 0 ? "，\(failed) 个事项未能签发" : "") + "。")
            if failed > 0 { throw ExitCode.failure }
        }
    }
}
