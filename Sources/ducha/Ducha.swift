import ArgumentParser

@main
struct Ducha: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ducha",
        abstract: "督查室公文流水线：登记督查事项和事件，生成督查单据、刊物和考评表（ODT/FODT/PDF），一事一档归档，年度整理归档文件。",
        version: "1.0.0",
        subcommands: [
            IntakeCommand.self, NoticeCommand.self, TransferCommand.self, RemindCommand.self, ReturnCommand.self,
            StatusCommand.self, BatchCommand.self, BulletinCommand.self, AssessCommand.self, VerifyCommand.self,
            DossierCommand.self, CheckCommand.self, KeyCommand.self, UpgradeCommand.self, TemplateCommand.self,
            FillCommand.self, BenchCommand.self, FontsCommand.self, PrintCommand.self, ServeCommand.self,
            UserCommand.self,
        ]
    )
}
