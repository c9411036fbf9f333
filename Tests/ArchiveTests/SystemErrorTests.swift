import Foundation
import Matters
import TestSupport
import Testing

@testable import Archive

/// A scratch folder removed after the test.
func scratch(_ body: (String) throws -> Void) throws {
    let directory = try TestEnvironment.temporaryDirectory("ducha-archive")
    defer { try? FileManager.default.removeItem(at: directory) }
    try body(directory.path)
}

/// A regular file at `path`.
func makeFile(_ path: String, _ text: String = "x") {
    #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
}

/// The system's own text for an errno, as the archive appends it.
func systemText(_ code: Int32) -> String { String(cString: strerror(code)) }

@Suite("System calls: every failure keeps its errno, call, path and the system's text")
struct SystemErrorTests {
    @Test(
        "an errno gives the kind a caller acts on",
        arguments: [
            (ENOSPC, ArchiveError.Code.noSpace), (EDQUOT, .noSpace), (EACCES, .permissionDenied),
            (EPERM, .permissionDenied), (EROFS, .permissionDenied), (ENOENT, .notFound), (EEXIST, .exists),
            (ENOTEMPTY, .exists), (ENOTDIR, .notDirectory), (EISDIR, .isDirectory), (EWOULDBLOCK, .locked),
            (EIO, .io), (EINVAL, .other), (EMFILE, .other),
        ])
    func codes(errno: Int32, code: ArchiveError.Code) {
        #expect(ArchiveError.Code(errno: errno) == code)
    }

    @Test("a full disk is told apart: writing to /dev/full fails with ENOSPC")
    func noSpace() throws {
        try #require(FileManager.default.fileExists(atPath: "/dev/full"))
        let file = try FileDescriptor(opening: "/dev/full", .replace(mode: 0o644), failure: "无法创建临时文件")
        let error = try #require(throws: ArchiveError.self) { try file.write(Array("档案".utf8), failure: "写入失败") }
        #expect(error.code == .noSpace)
        #expect(error.errno == ENOSPC)
        #expect(error.operation == "write")
        #expect(error.path == "/dev/full")
        #expect(error.message == "写入失败：\(systemText(ENOSPC))")
        #expect(error.description == "/dev/full: 写入失败：\(systemText(ENOSPC))")
    }

    @Test("writing under a regular file fails with ENOTDIR, however deep")
    func parentIsAFile() throws {
        try scratch { root in
            makeFile(root + "/登记簿")
            let near = try #require(throws: ArchiveError.self) {
                try AtomicFile.write(Array("一".utf8), to: root + "/登记簿/a.xml")
            }
            #expect(near.code == .notDirectory && near.errno == ENOTDIR)
            #expect(near.path == root + "/登记簿")
            #expect(near.message == "已存在同名文件，不是文件夹：\(systemText(ENOTDIR))")
            let deep = try #require(throws: ArchiveError.self) {
                try AtomicFile.write(Array("一".utf8), to: root + "/登记簿/2026/a.xml")
            }
            #expect(deep.code == .notDirectory && deep.errno == ENOTDIR)
            #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["登记簿"])
        }
    }

    @Test("reading what is not there fails with ENOENT, naming the file and the call")
    func missing() throws {
        try scratch { root in
            let error = try #require(throws: ArchiveError.self) { try AtomicFile.read(root + "/无此目录/matter.xml") }
            #expect(error.code == .notFound && error.errno == ENOENT && error.operation == "open")
            #expect(error.path == root + "/无此目录/matter.xml")
            #expect(error.message == "无法读取：\(systemText(ENOENT))")
            #expect(try AtomicFile.readIfPresent(root + "/无此目录/matter.xml") == nil)
            // Only a missing file is "none": a folder where a file should be is an error.
            let folder = try #require(throws: ArchiveError.self) { try AtomicFile.readIfPresent(root) }
            #expect(folder.code == .isDirectory && folder.operation == "read")
        }
    }

    @Test("a folder that is a file is an error, not an empty folder; only a missing folder is empty")
    func listing() throws {
        try scratch { root in
            makeFile(root + "/file")
            let error = try #require(throws: ArchiveError.self) {
                try Directory.entries(root + "/file", missing: .empty)
            }
            #expect(error.code == .notDirectory && error.errno == ENOTDIR && error.operation == "opendir")
            #expect(error.message == "无法读取文件夹：\(systemText(ENOTDIR))")
            #expect(try Directory.entries(root + "/absent", missing: .empty).isEmpty)
            let absent = try #require(throws: ArchiveError.self) {
                try Directory.entries(root + "/absent", missing: .error)
            }
            #expect(absent.code == .notFound)

            try FileManager.default.createDirectory(atPath: root + "/d/sub", withIntermediateDirectories: true)
            makeFile(root + "/d/a.txt")
            try FileManager.default.createSymbolicLink(atPath: root + "/d/link", withDestinationPath: root + "/d/sub")
            let entries = try Directory.entries(root + "/d", missing: .error).sorted { $0.name < $1.name }
            #expect(
                entries == [
                    Directory.Entry(name: "a.txt", kind: .regular), Directory.Entry(name: "link", kind: .symbolicLink),
                    Directory.Entry(name: "sub", kind: .directory),
                ])
        }
    }

    @Test("the store and the verifier report an unreadable year instead of seeing an empty archive")
    func unreadableYear() throws {
        try scratch { root in
            let store = ArchiveStore(root: root, office: office)
            #expect(try store.allRecords().isEmpty, "a fresh archive has no year yet: empty")
            #expect(try ArchiveStore(root: root + "/never-written", office: office).allRecords().isEmpty)
            _ = try store.register(matter("2026-001"))
            makeFile(root + "/2027")
            let error = try #require(throws: ArchiveError.self) { try store.allRecords() }
            #expect(error.code == .notDirectory && error.path == root + "/2027")
            #expect(throws: ArchiveError.self) { try ArchiveVerifier(root: root).verify() }
            let fileRoot = try #require(throws: ArchiveError.self) {
                try ArchiveStore(root: root + "/2027", office: office).matter(id: "2026-001")
            }
            #expect(fileRoot.code == .notDirectory)
        }
    }

    @Test("a journal folder that cannot be read stops recovery instead of skipping it")
    func unreadableJournal() throws {
        try scratch { root in
            let store = ArchiveStore(root: root, office: office)
            #expect(try store.recover().isEmpty)
            makeFile(root + "/.pending")
            let error = try #require(throws: ArchiveError.self) { try store.recover() }
            #expect(error.code == .notDirectory && error.path == root + "/.pending")
        }
    }

    @Test("a registry that cannot be read is an error; only a missing one is a new year")
    func unreadableRegistry() throws {
        try scratch { root in
            #expect(try Registry.load(root: root, year: 2026).entries.isEmpty)
            try FileManager.default.createDirectory(
                atPath: root + "/2026/registry.xml", withIntermediateDirectories: true)
            let error = try #require(throws: ArchiveError.self) { try Registry.load(root: root, year: 2026) }
            #expect(error.code == .isDirectory)
            try AtomicFile.write(Array("<登记簿>".utf8), to: root + "/2027/registry.xml")
            #expect(
                try #require(throws: ArchiveError.self) { try Registry.load(root: root, year: 2027) }.code == .damaged)
        }
    }

    @Test("the lock held by another run is told by its code and errno")
    func locked() throws {
        try scratch { root in
            let first = try ArchiveLock(root: root, wait: false)
            let error = try #require(throws: ArchiveError.self) { try ArchiveLock(root: root, wait: false) }
            #expect(error.code == .locked && error.errno == EWOULDBLOCK && error.operation == "flock")
            #expect(error.description == "\(root): 另一个 ducha 进程正在写入此档案，请待其结束后再运行（或加 --wait 等待）")
            withExtendedLifetime(first) {}
        }
    }

    @Test("a read-only folder refuses a write with EACCES", .enabled(if: geteuid() != 0, "root bypasses permissions"))
    func permissionDenied() throws {
        try scratch { root in
            try FileManager.default.createDirectory(atPath: root + "/ro", withIntermediateDirectories: true)
            chmod(root + "/ro", 0o500)
            defer { chmod(root + "/ro", 0o700) }
            let error = try #require(throws: ArchiveError.self) { try AtomicFile.write([1], to: root + "/ro/a") }
            #expect(error.code == .permissionDenied && error.errno == EACCES && error.operation == "open")
            #expect(error.message == "无法创建临时文件：\(systemText(EACCES))")
        }
    }

    @Test("errors found by Ducha itself have a code and no errno")
    func ownErrors() throws {
        try scratch { root in
            let store = ArchiveStore(root: root, office: office)
            _ = try store.register(matter("2026-003"))
            let conflict = try #require(throws: ArchiveError.self) {
                try store.register(matter("2026-003", title: "改过的名称"))
            }
            #expect(conflict.code == .conflict && conflict.errno == nil && conflict.operation == nil)
            let absent = try #require(throws: ArchiveError.self) {
                try ArchiveVerifier(root: root).verify(matters: ["2026-404"])
            }
            #expect(absent.code == .notFound && absent.errno == nil)
            #expect(ArchiveError(path: "p", message: "m").code == .other)
            #expect(ArchiveError(path: "p", message: "m").description == "p: m")
        }
    }
}
