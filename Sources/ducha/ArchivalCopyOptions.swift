import ArgumentParser
import DuchaCore
import Foundation

/// Whether a command files PDF/A-2b copies beside the documents it issues: `--pdfa` / `--no-pdfa`, else
/// `$DUCHA_PDFA` (`on` or `off`, an office-wide switch, e.g. for the quarter-end cron job), else the command's
/// default (on for the clerk's commands, off for the batch).
struct ArchivalCopyOptions: ParsableArguments {
    @Flag(
        name: .customLong("pdfa"), inversion: .prefixedNo,
        help: "是否在档案中单据、刊物的 .odt 旁另存 PDF/A-2b 归档件（需 LibreOffice；缺省见命令说明，环境变量 DUCHA_PDFA=on/off 可统一设定）")
    var pdfa: Bool?

    func enabled(byDefault: Bool) -> Bool {
        if let pdfa { return pdfa }
        switch ProcessInfo.processInfo.environment["DUCHA_PDFA"]?.lowercased() {
        case "on", "1", "yes": return true
        case "off", "0", "no": return false
        default: return byDefault
        }
    }

    /// Files the copies of `documents` when enabled (the list is made only then), and says what was filed.
    func file(_ documents: @autoclosure () -> [String], in office: Office, byDefault: Bool) throws {
        guard enabled(byDefault: byDefault) else { return }
        let documents = documents()
        guard !documents.isEmpty else { return }
        let copies = try office.fileArchivalCopies(documents)
        if !copies.available {
            if pdfa == true { warn("未安装 LibreOffice，未生成 PDF/A 归档件") }
            return
        }
        for failure in copies.failures { warn("PDF/A 归档件未生成：\(failure)") }
        if !copies.filed.isEmpty { print("PDF/A 归档件 \(copies.filed.count) 份，已存入档案") }
        if !copies.failures.isEmpty { throw ExitCode.failure }
    }
}
