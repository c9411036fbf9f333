import Foundation
import Matters
import TestSupport
import Testing

@testable import Archive

/// Attachments given by others are opened once under their event file's folder, never through a symbolic
/// link, only as regular files, size-checked before they are read, and hashed while copied.
@Suite("Attachments: opened beneath the folder, staged, named distinctly")
struct AttachmentStagingTests {
    /// A folder for an event file's attachments, and an archive beside it.
    struct Place {
        let directory: URL
        var folder: String { directory.appendingPathComponent("事件").path }
        var store: ArchiveStore { ArchiveStore(root: directory.appendingPathComponent("Archive").path, office: office) }

        init() throws {
            directory = try TestEnvironment.temporaryDirectory("ducha-attach")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }

        func file(_ name: String, _ text: String) throws {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        func link(_ name: String, to target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: folder + "/" + name, withDestinationPath: target)
        }

        func stage(_ relative: String, limit: Int = 1 << 20) throws(FileBeneath.Fault) -> StagedFile {
            try store.stageAttachment(relative, in: folder, limit: limit, number: 1)
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    /// What staging `relative` comes to: `staged`, or the fault.
    private static func fault(_ place: Place, _ relative: String, limit: Int = 1 << 20) -> String {
        do {
            _ = try place.stage(relative, limit: limit)
            return "staged"
        } catch {
            return "\(error)"
        }
    }

    @Test("A regular file is copied and hashed; the copy is owner-only and hidden")
    func staged() throws {
        let place = try Place()
        defer { place.remove() }
        try place.file("附件/报告.pdf", "%PDF-1.4 报告")
        let staged = try place.stage("附件/报告.pdf")
        #expect(staged.size == Array("%PDF-1.4 报告".utf8).count)
        #expect(staged.sha256 == Bag.sha256(Array("%PDF-1.4 报告".utf8)))
        #expect(try AtomicFile.read(staged.path) == Array("%PDF-1.4 报告".utf8))
        #expect(staged.path.hasPrefix(place.store.stagingFolder + "/."))
        let mode = try FileManager.default.attributesOfItem(atPath: staged.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try place.store.discardStaged()
        #expect(!FileManager.default.fileExists(atPath: place.store.stagingFolder))
    }

    @Test("A symbolic link is refused wherever it is on the path: to a file, to a folder, to /proc")
    func symbolicLinks() throws {
        let place = try Place()
        defer { place.remove() }
        try place.file("真/x.pdf", "x")
        try place.link("hostname.pdf", to: "/etc/hostname")
        try place.link("linked", to: "/etc")
        try place.link("environ.pdf", to: "/proc/self/environ")
        try place.link("inside.pdf", to: place.folder + "/真/x.pdf")
        try place.link("别名", to: place.folder + "/真")
        #expect(Self.fault(place, "hostname.pdf") == "symbolicLink(\"hostname.pdf\")")
        #expect(Self.fault(place, "linked/hostname") == "symbolicLink(\"linked\")")
        #expect(Self.fault(place, "environ.pdf") == "symbolicLink(\"environ.pdf\")")
        // Even a link that stays inside the folder is refused: what it points at may change.
        #expect(Self.fault(place, "inside.pdf") == "symbolicLink(\"inside.pdf\")")
        #expect(Self.fault(place, "别名/x.pdf") == "symbolicLink(\"别名\")")
        #expect(Self.fault(place, "真/x.pdf") == "staged")
    }

    @Test("Paths that leave the folder, things that are not regular files, and missing files are refused")
    func otherRefusals() throws {
        let place = try Place()
        defer { place.remove() }
        try place.file("a.pdf", "a")
        try FileManager.default.createDirectory(atPath: place.folder + "/dir.pdf", withIntermediateDirectories: true)
        #expect(mkfifo(place.folder + "/pipe.pdf", 0o644) == 0)
        #expect(Self.fault(place, "../a.pdf") == "outside")
        #expect(Self.fault(place, "/etc/hostname") == "outside")
        #expect(Self.fault(place, "dir.pdf") == "notARegularFile")
        // A FIFO is refused at once, not waited on.
        #expect(Self.fault(place, "pipe.pdf") == "notARegularFile")
        #expect(Self.fault(place, "a.pdf/b.pdf") == "notAFolder(\"a.pdf\")")
        #expect(Self.fault(place, "没有.pdf") == "missing")
        #expect(Self.fault(place, "没有/a.pdf") == "missing")
        #expect(Self.fault(place, "./a.pdf") == "staged")
    }

    @Test("A file larger than the limit is refused before a byte is read: a sparse 1 GiB file costs nothing")
    func sizeBeforeReading() throws {
        let place = try Place()
        defer { place.remove() }
        let path = place.folder + "/big.pdf"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, 1 << 30) == 0)
        #expect(Self.fault(place, "big.pdf", limit: 100 << 20) == "tooLarge(size: 1073741824, limit: 104857600)")
        let staged = (try? FileManager.default.contentsOfDirectory(atPath: place.store.stagingFolder)) ?? []
        #expect(staged.isEmpty)
    }

    @Test("A staged copy is filed only if it still hashes as it did")
    func filedCopyIsChecked() throws {
        let place = try Place()
        defer { place.remove() }
        try place.file("a.pdf", "原样")
        let staged = try place.stage("a.pdf")
        let target = place.directory.appendingPathComponent("bag/a.pdf").path
        #expect(try AtomicFile.copy(from: staged.path, to: target, sha256: staged.sha256, mode: 0o644))
        #expect(try AtomicFile.read(target) == Array("原样".utf8))
        #expect(try AtomicFile.copy(from: staged.path, to: target, sha256: staged.sha256, mode: 0o644) == false)
        try AtomicFile.write(Array("改了".utf8), to: staged.path, mode: 0o600)
        let other = place.directory.appendingPathComponent("bag/b.pdf").path
        #expect(throws: ArchiveError.self) {
            try AtomicFile.copy(from: staged.path, to: other, sha256: staged.sha256, mode: 0o644)
        }
        #expect(!FileManager.default.fileExists(atPath: other))
    }

    @Test(
        "Names in the bag are distinct within an event, case aside, and safe for manifests",
        arguments: [
            (["报告.pdf", "报告.pdf"], ["003-附件-报告.pdf", "003-附件-报告-2.pdf"]),
            (
                ["Report.PDF", "report.pdf", "report-2.pdf"],
                ["003-附件-Report.PDF", "003-附件-report-2.pdf", "003-附件-report-2-2.pdf"]
            ),
            (["a%0Ab.pdf", "c\td.pdf", "e\\f.pdf"], ["003-附件-a％0Ab.pdf", "003-附件-c_d.pdf", "003-附件-e_f.pdf"]),
            ([".pdf", "noext"], ["003-附件-.pdf", "003-附件-noext"]),
        ])
    func names(files: [String], expected: [String]) {
        #expect(AttachmentNames.names(files, sequence: 3) == expected)
    }

    @Test("A name too long for the file system is shortened before its extension, within 255 bytes")
    func longNames() {
        let long = String(repeating: "长", count: 84) + ".pdf"  // 256 bytes
        let names = AttachmentNames.names([long, long], sequence: 1234)
        #expect(names.allSatisfy { $0.utf8.count <= 255 && $0.hasSuffix(".pdf") && $0.hasPrefix("1234-附件-长") })
        #expect(names[0] != names[1])
    }

    @Test("Temporary names are 37 bytes whatever the file's name: a 250-byte name can be written atomically")
    func temporaryNames() throws {
        #expect(AtomicFile.temporaryName(for: "a").utf8.count == 37)
        #expect(AtomicFile.temporaryName(for: String(repeating: "名", count: 83)).utf8.count == 37)
        #expect(AtomicFile.temporaryName(for: "a") != AtomicFile.temporaryName(for: "b"))
        let directory = try TestEnvironment.temporaryDirectory("ducha-attach")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.path + "/" + String(repeating: "名", count: 82) + ".pdf"  // 250 bytes
        #expect(try AtomicFile.write([1, 2, 3], to: path))
        #expect(try AtomicFile.read(path) == [1, 2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).count == 1)
    }
}
