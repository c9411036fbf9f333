import Archive
import ArgumentParser
import Intake
import Matters

struct IntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "读入事项记录（JSON），逐条校验，无误的文件逐事项归档。",
        discussion: "报告每个文件的全部问题；有错误的文件一条也不归档，并以非零状态退出。已归档的事项不会被改动。"
    )

    @Argument(help: ArgumentHelp("事项记录文件（JSON）", valueName: "FILE"))
    var files: [String]

    @OptionGroup var archiveOptions: ArchiveOptions
    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        var inputs: [(name: String, bytes: [UInt8])] = []
        for file in files { inputs.append((file, try readFile(file))) }
        let result = MatterReader.read(files: inputs)
        for diagnostic in result.diagnostics { warn(diagnostic.description) }
        let office = try templateOptions.officeProfile()
        let lock = try ArchiveLock(root: archiveOptions.archive, wait: archiveOptions.wait)
        defer { withExtendedLifetime(lock) {} }
        let store = ArchiveStore(root: archiveOptions.archive, office: office)
        var added = 0
        var unchanged = 0
        var refused = 0
        for matter in result.matters {
            do {
                switch try store.register(matter) {
                case .added:
                    added += 1
                    print("已归档 \(matter.id)：\(store.folder(of: matter))")
                case .unchanged: unchanged += 1
                }
            } catch {
                refused += 1
                warn(error.description)
            }
        }
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        print("新归档 \(added) 个事项，\(unchanged) 个已在档未变" + (refused > 0 ? "，\(refused) 个拒收" : "") + "。")
        if errors > 0 {
            warn("共 \(errors) 处错误，以下文件未归档：" + result.filesWithErrors.sorted().joined(separator: "、"))
        }
        if errors > 0 || refused > 0 { throw ExitCode.failure }
    }
}
