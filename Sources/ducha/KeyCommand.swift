import ArgumentParser
import DuchaCore

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "督查室的 SM2 签名密钥（移交包的电子签名用）。",
        subcommands: [KeyInitCommand.self]
    )
}

struct KeyInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "生成 SM2 密钥对：私钥存入 <档案>/.keys/sm2-private.pem（仅本人可读），公钥存入 sm2-public.pem 并可另行导出给接收方。",
        discussion: "已有密钥时不会覆盖（换钥会使已签的移交包无法验证）。公钥的 SM3 指纹请以电话或书面方式与接收方核对。不用模板目录（--templates 可给出，不影响结果）。"
    )

    @Option(name: .customLong("export-public"), help: ArgumentHelp("另把公钥写到这里（交给档案馆）", valueName: "FILE.pem"))
    var exportPublic: String?

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let created: OfficeKey.Created
        do {
            created = try OfficeKey(archive: workspace.archiveOptions.archive).create(exportPublic: exportPublic)
        } catch DuchaError.invalidRequest(let message) {
            throw ValidationError(message)
        }
        say("私钥：\(created.privatePath)（0600）")
        say("公钥：\(created.publicPath)" + (created.exportedTo.map { "，另写出 \($0)" } ?? ""))
        say("公钥 SM3 指纹：\(created.fingerprint)")
    }
}
