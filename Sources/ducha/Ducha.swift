import ArgumentParser

@main
struct Ducha: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ducha",
        abstract: "督查室公文流水线：登记督查事项，生成督查单据（ODT/FODT/PDF），一事一档归档。",
        version: "1.0.0",
        subcommands: [
            IntakeCommand.self, NoticeCommand.self, TransferCommand.self, RemindCommand.self, ReturnCommand.self,
            StatusCommand.self, BatchCommand.self, VerifyCommand.self, DossierCommand.self, TemplateCommand.self,
            FillCommand.self, BenchCommand.self, BulletinCommand.self, AssessCommand.self,
        ]
    )
}
