import ArgumentParser
import DuchaCore
import Foundation
import Matters

/// Where the archive is.
struct ArchiveOptions: ParsableArguments {
    @Option(name: .customLong("archive"), help: ArgumentHelp("档案根目录", valueName: "DIR"))
    var archive = "./Archive"

    @Flag(name: .customLong("wait"), help: "档案正被另一个 ducha 进程写入时等待，而不是立即退出")
    var wait = false
}

/// Where the templates and the office profile are.
struct TemplateOptions: ParsableArguments {
    @Option(name: .customLong("templates"), help: ArgumentHelp("模板目录（单据模板、机关配置 office-profile.json）", valueName: "DIR"))
    var templates = "./Templates"
}

/// The workspace a command works in.
struct WorkspaceOptions: ParsableArguments {
    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var templateOptions: TemplateOptions

    func workspace() throws -> Workspace {
        try Workspace(archive: archiveOptions.archive, templates: templateOptions.templates)
    }

    /// Opens the archive for writing under its lock and says what a run that died left and was finished.
    func write<T>(format: DocumentFormat = .odt, _ body: (Office) throws -> T) throws -> T {
        try workspace().write(wait: archiveOptions.wait, format: format) { office in
            if !office.recovered.isEmpty { warn("上次运行中断，已补全：" + office.recovered.joined(separator: "、")) }
            return try body(office)
        }
    }
}

extension DocumentFormat: ExpressibleByArgument {}

extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

/// Writes to standard error, each line with the control and format characters of any input it quotes escaped
/// (an `ESC[2J` in a record must not clear the clerk's screen).
func warn(_ message: String) {
    FileHandle.standardError.write(Data((escapedLines(message) + "\n").utf8))
}

/// Writes to standard output, escaped as ``warn(_:)``.
func say(_ message: String) {
    print(escapedLines(message))
}

/// `message` with every line escaped by `MessageText` (the line breaks of the message itself are kept).
func escapedLines(_ message: String) -> String {
    message.split(separator: "\n", omittingEmptySubsequences: false).map { MessageText.escaped(String($0)) }
        .joined(separator: "\n")
}

/// Writes every problem to standard error, one a line.
func warn(_ problems: [Problem]) {
    for problem in problems { warn(problem.description) }
}
