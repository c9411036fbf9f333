import Archive
import ArgumentParser
import Foundation
import Matters
import Rendering

struct NoticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "交办：为督办事项签发《督查通知单》，登记文号，记录“交办”事件，存入事项档案的“交办”文件夹。",
        discussion: """
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
    var format: OutputFormat = .odt

    @Option(name: .customLong("pdf"), help: ArgumentHelp("另将 PDF 打印件写到此目录（需 LibreOffice）", valueName: "DIR"))
    var pdfDirectory: String?

    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var templateOptions: TemplateOptions

    func validate() throws {
        if ids.isEmpty && !all { throw ValidationError("请给出事项编号，或用 --all") }
        if format == .pdf { throw ValidationError("归档格式只能是 odt 或 fodt；PDF 打印件请用 --pdf DIR") }
    }

    func run() throws {
        try archiveOptions.withOffice(templates: templateOptions, format: format) { office in
            var records: [(matter: Matter, log: [StoredEvent])] = []
            var failed = 0
            if all {
                // Numbers follow the order of issue: by date, then id.
                records = try office.store.allRecords().filter {
                    $0.matter.handling == "督办"
                        && ($0.log.isEmpty || $0.log.contains { $0.event.kind == .assignment }
                            || $0.log.allSatisfy { $0.event.kind == .approval })
                }.sorted {
                    ($0.matter.assignedOn ?? $0.matter.registered, $0.matter.id)
                        < ($1.matter.assignedOn ?? $1.matter.registered, $1.matter.id)
                }
            }
            for id in ids {
                guard let record = try office.store.record(id: id) else {
                    warn("\(archiveOptions.archive): 档案中没有事项 \(id)（先用 ducha intake 登记）")
                    failed += 1
                    continue
                }
                records.append(record)
            }
            var written: [String] = []
            for (matter, log) in records {
                do {
                    let slip: (number: DocumentNumber, path: String)?
                    if let assigned = log.first(where: { $0.event.kind == .assignment }) {
                        slip = try office.reissue(assigned, matter: matter, log: log)
                    } else {
                        let day = date ?? matter.assignedOn ?? today()
                        guard
                            case .added(_, let issued) = try office.record(
                                Office.event(.assignment, matter: matter.id, date: day))
                        else { continue }
                        slip = issued
                    }
                    guard let slip else { continue }
                    written.append(slip.path)
                    print("\(matter.id) 《督查通知单》\(slip.number)：\(slip.path)")
                } catch {
                    failed += 1
                    warn("\(matter.id): \(error)")
                }
            }
            if let pdfDirectory, !written.isEmpty {
                try FileManager.default.createDirectory(atPath: pdfDirectory, withIntermediateDirectories: true)
                let pdfs = try PDFConverter.convert(
                    written, outputDirectory: pdfDirectory, fontAliases: templateOptions.templates + "/fonts.conf")
                print("PDF 打印件 \(pdfs.count) 份：\(pdfDirectory)")
            }
            print("共签发 \(written.count) 份《督查通知单》" + (failed > 0 ? "，\(failed) 个事项未能签发" : "") + "。")
            if failed > 0 { throw ExitCode.failure }
        }
    }
}
