import Dispatch
import DuchaCore
import Foundation

/// PDF print copies of a matter's documents and an image of their first page, made on demand through the core
/// (LibreOffice, with the office's font aliases) and poppler's `pdftoppm`, one at a time, and kept in a private
/// folder by the document's inode, size and time of change (a changed document gets a new copy).
final class PrintShop: Sendable {
    private let queue = DispatchQueue(label: "ducha.portal.print")
    private let folder: String
    let workspace: Workspace

    init(workspace: Workspace) throws {
        self.workspace = workspace
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent("ducha-portal-print-" + Portal.token())
            .path
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Whether a first page can be drawn (poppler-utils installed): looked up once, as the matter page asks on
    /// every request.
    static let pdftoppm: String? = ["/usr/bin/pdftoppm", "/usr/local/bin/pdftoppm"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Whether LibreOffice is there to make print copies: looked up once (``Workspace/canMakePrintCopies`` reads the
    /// environment and the file system).
    static let canPrint = Workspace.canMakePrintCopies

    /// The PDF of a document (`.odt`, `.fodt`).
    func pdf(of document: String) async throws -> [UInt8] {
        try await run { try self.makePDF(document) }
    }

    /// The first page of a document as a PNG.
    func firstPage(of document: String) async throws -> [UInt8] {
        try await run {
            let pdf = try self.makePDF(document)
            let png = String(pdf.dropLast(4)) + "-1"
            if !FileManager.default.fileExists(atPath: png + ".png") {
                guard let tool = Self.pdftoppm else { throw PortalError("未安装 poppler-utils（pdftoppm），不能显示第 1 页") }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: tool)
                process.arguments = ["-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile", pdf, png]
                try process.run()
                process.waitUntilExit()
                guard process.terminationStatus == 0 else { throw PortalError("pdftoppm 未能画出第 1 页") }
            }
            return png + ".png"
        }
    }

    private func run(_ body: @escaping @Sendable () throws -> String) async throws -> [UInt8] {
        let path = try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// `<folder>/<inode>-<size>-<ctime>.pdf`, made from a copy of the document under that name.
    private func makePDF(_ document: String) throws -> String {
        guard Workspace.canMakePrintCopies else { throw PortalError("未安装 LibreOffice，不能生成 PDF") }
        var info = stat()
        guard lstat(document, &info) == 0 else { throw PortalError("找不到文件") }
        let ext = (document as NSString).pathExtension
        let base = "\(info.st_ino)-\(info.st_size)-\(info.st_ctim.tv_sec)-\(info.st_ctim.tv_nsec)"
        let pdf = folder + "/" + base + ".pdf"
        if FileManager.default.fileExists(atPath: pdf) { return pdf }
        let copy = folder + "/" + base + "." + ext
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: document, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        guard let made = try workspace.printCopies(of: [copy], into: folder).first,
            FileManager.default.fileExists(atPath: made)
        else { throw PortalError("LibreOffice 未能生成 PDF") }
        return made
    }
}
