import Archive
import ArgumentParser
import Foundation
import Intake
import Matters

/// Where the archive is.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .customLong("archive"), help: ArgumentHelp("档案根目录", valueName: "DIR"))
    var archive = "./Archive"

    @Flag(name: .customLong("wait"), help: "档案正被另一个 ducha 进程写入时等待，而不是立即退出")
    var wait = false
}

extension ArchiveOptions {
    /// Takes the archive lock, finishes what a run that died left, and hands over the office for writing.
    func withOffice<T>(templates: TemplateOptions, format: OutputFormat = .odt, _ body: (Office) throws -> T) throws
        -> T
    {
        let lock = try ArchiveLock(root: archive, wait: wait)
        defer { withExtendedLifetime(lock) {} }
        let office = try Office(archive: archive, templates: templates, format: format)
        let resealed = try office.store.recover()
        if !resealed.isEmpty { warn("上次运行中断，已补全：" + resealed.joined(separator: "、")) }
        return try body(office)
    }
}

/// Where the templates and the office profile are.
struct TemplateOptions: ParsableArguments {
    @Option(name: .customLong("templates"), help: ArgumentHelp("模板目录（单据模板、机关配置 office-profile.json）", valueName: "DIR"))
    var templates = "./Templates"

    func officeProfile() throws -> OfficeProfile {
        let path = templates + "/office-profile.json"
        return try OfficeProfileReader.read(bytes: try readFile(path), file: path)
    }

    func templatePath(for form: Form) -> String { templates + "/" + form.rawValue + ".fodt" }

    /// The working-day calendar (`calendar/YYYY.json` in the templates folder).
    func calendar() throws -> WorkingCalendar {
        try CalendarReader.load(folder: templates + "/calendar")
    }
}

/// Output formats of a document.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case odt, fodt, pdf
}

/// A failure to report as it is (exit 1, no usage text).
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Reads a whole file, or fails with a message naming it.
func readFile(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure(message: "无法读取文件：\(path)")
    }
    return [UInt8](data)
}

/// Writes a whole file atomically, creating its folder.
func writeFile(_ bytes: [UInt8], to path: String) throws {
    try AtomicFile.write(bytes, to: path.contains("/") ? path : "./" + path)
}

/// Writes to standard error.
func warn(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Today's civil date in Beijing time (UTC+8), for commands given no date.
func today() -> CivilDate {
    let seconds = Int(Date().timeIntervalSince1970) + 8 * 3600
    return CivilDate(dayNumber: seconds / 86400)
}

extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}
