import ArgumentParser
import DuchaCore
import Foundation

struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "打印件：把任意一组文档（.odt/.fodt 文件，或事项编号：该事项档案中的全部文档）转换为 PDF，写到 --output 目录。",
        discussion: """
            由 LibreOffice 工作进程池转换（缺省每核一个进程，各用自己的配置目录），公文字体按 Templates/fonts.conf 替代（见 ducha fonts）。
            某个文档超过 --timeout 秒仍未转完时，终止并重启其进程，报告该文档，其余文档照常转换；有文档未转换时退出码为 1。
            只读档案，不改动其中任何文件。--archival 改写 PDF/A-2b（归档用）。
            """
    )

    @Argument(help: ArgumentHelp("文档文件，或事项编号", valueName: "FILE|MATTER-ID"))
    var items: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("PDF 写到此目录", valueName: "DIR"))
    var output: String

    @Option(name: .customLong("workers"), help: "LibreOffice 进程数（缺省为本机核数）")
    var workers: Int?

    @Option(name: .customLong("timeout"), help: "每个文档的转换时限（秒，缺省 120）")
    var timeout: Double?

    @Flag(name: .customLong("archival"), help: "写 PDF/A-2b 归档件，而不是普通打印件")
    var archival = false

    @OptionGroup var workspace: WorkspaceOptions

    func validate() throws {
        if items.isEmpty { throw ValidationError("请给出文档文件或事项编号") }
        if let workers, workers < 1 { throw ValidationError("--workers 应为正整数") }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout 应为正数") }
    }

    func run() throws {
        let workspace = try workspace.workspace()
        var documents: [String] = []
        for item in items {
            if FileManager.default.fileExists(atPath: item) {
                documents.append(item)
                continue
            }
            let filed = workspace.filedDocuments(ofMatter: item)
            if filed.isEmpty { throw ValidationError("“\(item)”既不是文件，也不是档案中有文档的事项编号") }
            documents += filed
        }
        let names = documents.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        if let twice = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw ValidationError("有两个文档同名“\(twice)”，PDF 会互相覆盖：请分两次转换")
        }
        let (results, pool) = try workspace.convert(
            documents, into: output, kind: archival ? .archival : .print, workers: workers, timeout: timeout)
        var failed = 0
        for result in results {
            switch result {
            case .success(let pdf): say(pdf)
            case .failure(let failure):
                failed += 1
                warn(failure.description)
            }
        }
        let restarts = pool.kills > 0 ? "，\(pool.kills) 次超时重启" : ""
        print(
            "共转换 \(results.count - failed) 份 PDF（\(pool.starts) 次启动 LibreOffice\(restarts)）"
                + (failed > 0 ? "，\(failed) 份失败。" : "。"))
        if failed > 0 { throw ExitCode.failure }
    }
}
