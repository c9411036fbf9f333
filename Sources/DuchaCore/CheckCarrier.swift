import Foundation

/// The carrier as a whole: no file that is not an archival file, nothing world-writable, 涉密 files owner-only,
/// and a virus scan when ClamAV is installed.
enum CheckCarrier {
    /// Ducha's own working files in a year folder (a journal and a cache, outside every bag).
    static let ownFiles: Set<String> = [".registry-journal", ".page-counts"]

    /// Walks `folder` (display name `display`). `classified`: relative folders (ending in `/`) whose every
    /// entry must be owner-only; `only`: when given, the top-level names to look at.
    static func check(
        folder: String, display: String, classified: [String], only: Set<String>?, into evidence: inout CheckEvidence
    ) {
        var files = 0
        for entry in CheckFiles.walk(folder) {
            let top = entry.path.split(separator: "/").first.map(String.init) ?? entry.path
            if let only, !only.contains(top) { continue }
            if ownFiles.contains(entry.path) { continue }
            let shown = display + "/" + entry.path
            if entry.isSymbolicLink {
                evidence.fail(.nonArchivalFiles, "\(shown)：符号链接")
                continue
            }
            if entry.mode & 0o002 != 0 {
                evidence.fail(.permissions, "\(shown)：任何人可写（\(String(entry.mode, radix: 8))）")
            }
            let secret = classified.contains { entry.path.hasPrefix($0) || entry.path + "/" == $0 }
            if secret && entry.mode & 0o077 != 0 {
                evidence.fail(
                    .permissions,
                    "\(shown)：涉密\(entry.isDirectory ? "文件夹" : "文件")权限为 \(String(entry.mode, radix: 8))，应仅本人可用（\(entry.isDirectory ? "0700" : "0600")）"
                )
            }
            if entry.isDirectory { continue }
            files += 1
            let name = entry.path.split(separator: "/").last.map(String.init) ?? entry.path
            let head = head(of: folder + "/" + entry.path)
            if let reason = CheckFiles.nonArchivalReason(name: name, mode: entry.mode, head: head) {
                evidence.fail(.nonArchivalFiles, "\(shown)：\(reason)")
            }
        }
        evidence.note(.nonArchivalFiles, "\(display)：\(files) 个文件已查")
        evidence.note(
            .permissions,
            "\(display)：\(files) 个文件的权限已查" + (classified.isEmpty ? "" : "（涉密 \(classified.count) 处）"))
    }

    /// The first bytes of a file (enough for every signature `nonArchivalReason` knows).
    static func head(of path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 16)) ?? Data())
    }

    /// `clamscan -r` over `paths`, when it is installed; said plainly when it is not.
    static func scanViruses(paths: [String], into evidence: inout CheckEvidence) {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { String($0) + "/clamscan" }
        guard let clamscan = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            evidence.skip(.virus, "本机未安装 clamscan（ClamAV，apt-get install clamav），未做病毒检测")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: clamscan)
        process.arguments = ["-r", "-i", "--no-summary"] + paths
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        do {
            try process.run()
        } catch {
            evidence.skip(.virus, "clamscan 无法运行：\(error.localizedDescription)")
            return
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: evidence.note(.virus, "clamscan 未发现病毒")
        case 1: for line in text.split(separator: "\n") { evidence.fail(.virus, String(line)) }
        default: evidence.skip(.virus, "clamscan 出错（退出码 \(process.terminationStatus)），未能完成病毒检测")
        }
    }
}
