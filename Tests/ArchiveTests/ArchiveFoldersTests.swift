import Foundation
import TestSupport
import Testing

@testable import Archive

/// The permission bits of what is at `path` itself (a link is not followed).
func permissions(_ path: String) throws -> Int {
    try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
}

/// The names below `path`, as relative paths, sorted.
func tree(_ path: String) throws -> [String] {
    try FileManager.default.subpathsOfDirectory(atPath: path).sorted()
}

func makeFolder(_ path: String, mode: Int = 0o755) throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
}

@Suite("Whole folders: restricting, replacing, removing")
struct ArchiveFoldersTests {
    @Test("restrictToOwner closes every nested folder to the owner and leaves files and linked folders alone")
    func restrict() throws {
        try scratch { root in
            let dossier = root + "/dossier"
            try makeFolder(dossier + "/data/文件/WS·2026-D10-001")
            try makeFolder(dossier + "/data/空", mode: 0o777)
            makeFile(dossier + "/bagit.txt")
            makeFile(dossier + "/data/文件/WS·2026-D10-001/正文.odt")
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o640], ofItemAtPath: dossier + "/data/文件/WS·2026-D10-001/正文.odt")
            try makeFolder(root + "/outside")
            try FileManager.default.createSymbolicLink(
                atPath: dossier + "/data/链接", withDestinationPath: root + "/outside")

            try ArchiveFolders.restrictToOwner(dossier)

            for folder in ["", "/data", "/data/文件", "/data/文件/WS·2026-D10-001", "/data/空"] {
                #expect(try permissions(dossier + folder) == 0o700, "\(folder)")
            }
            #expect(try permissions(dossier + "/bagit.txt") == 0o644)
            #expect(try permissions(dossier + "/data/文件/WS·2026-D10-001/正文.odt") == 0o640)
            #expect(try permissions(root + "/outside") == 0o755, "a link is not followed")
        }
    }

    @Test("restrictToOwner refuses a missing folder, a file and a link instead of doing nothing")
    func restrictRefuses() throws {
        try scratch { root in
            let missing = try #require(throws: ArchiveError.self) { try ArchiveFolders.restrictToOwner(root + "/无") }
            #expect(missing.code == .notFound && missing.errno == ENOENT)
            makeFile(root + "/file")
            let file = try #require(throws: ArchiveError.self) { try ArchiveFolders.restrictToOwner(root + "/file") }
            #expect(file.code == .notDirectory)
            try makeFolder(root + "/target")
            try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/target")
            let link = try #require(throws: ArchiveError.self) { try ArchiveFolders.restrictToOwner(root + "/link") }
            #expect(link.code == .notDirectory, "a link to a folder is not the folder")
            #expect(try permissions(root + "/target") == 0o755)
        }
    }

    @Test("replace puts the new folder in place of the old one and leaves no .old")
    func replace() throws {
        try scratch { root in
            let folder = root + "/2026/dossier"
            try AtomicFile.write(Array("旧".utf8), to: folder + "/data/目录.xml")
            try AtomicFile.write(Array("旧".utf8), to: folder + "/data/只在旧的.xml")
            try AtomicFile.write(Array("新".utf8), to: folder + ".new/data/目录.xml")

            try ArchiveFolders.replace(folder, with: folder + ".new")

            #expect(try AtomicFile.read(folder + "/data/目录.xml") == Array("新".utf8))
            #expect(try tree(folder) == ["data", "data/目录.xml"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/2026") == ["dossier"])
        }
    }

    @Test("replace puts a first folder in place when there was none")
    func replaceFirst() throws {
        try scratch { root in
            try AtomicFile.write(Array("新".utf8), to: root + "/staging/data/a")
            try ArchiveFolders.replace(root + "/dossier", with: root + "/staging")
            #expect(try tree(root) == ["dossier", "dossier/data", "dossier/data/a"])
        }
    }

    @Test("replace finishes what a run that died half-way left, keeping the old folder until the new one is in")
    func replaceAfterCrash() throws {
        try scratch { root in
            let folder = root + "/dossier"
            // Died after putting its folder in place: the .old beside it is stale.
            try AtomicFile.write(Array("上上次".utf8), to: folder + ".old/data/a")
            try AtomicFile.write(Array("上次".utf8), to: folder + "/data/a")
            try AtomicFile.write(Array("这次".utf8), to: folder + ".new/data/a")
            try ArchiveFolders.replace(folder, with: folder + ".new")
            #expect(try tree(root) == ["dossier", "dossier/data", "dossier/data/a"])
            #expect(try AtomicFile.read(folder + "/data/a") == Array("这次".utf8))

            // Died between the two renames: the previous folder exists only as .old, and stays until now.
            try FileManager.default.moveItem(atPath: folder, toPath: folder + ".old")
            try AtomicFile.write(Array("下次".utf8), to: folder + ".new/data/a")
            try ArchiveFolders.replace(folder, with: folder + ".new")
            #expect(try tree(root) == ["dossier", "dossier/data", "dossier/data/a"])
            #expect(try AtomicFile.read(folder + "/data/a") == Array("下次".utf8))
        }
    }

    @Test("replace without a new folder fails and leaves the old one where it was")
    func replaceWithoutStaging() throws {
        try scratch { root in
            try AtomicFile.write(Array("旧".utf8), to: root + "/dossier/data/a")
            let error = try #require(throws: ArchiveError.self) {
                try ArchiveFolders.replace(root + "/dossier", with: root + "/dossier.new")
            }
            #expect(error.code == .notFound && error.path == root + "/dossier.new")
            #expect(try tree(root) == ["dossier", "dossier/data", "dossier/data/a"])
        }
    }

    @Test("removeTree removes a whole tree, links as links, and is quiet when there is nothing")
    func removeTree() throws {
        try scratch { root in
            try ArchiveFolders.removeTree(root + "/staging")
            try AtomicFile.write([1], to: root + "/staging/data/文件/a")
            try AtomicFile.write([2], to: root + "/staging/.hidden.1.tmp")
            try makeFolder(root + "/staging/data/空", mode: 0o700)
            try AtomicFile.write([3], to: root + "/keep/b")
            try FileManager.default.createSymbolicLink(
                atPath: root + "/staging/link", withDestinationPath: root + "/keep")

            try ArchiveFolders.removeTree(root + "/staging")

            #expect(try tree(root) == ["keep", "keep/b"])
            try ArchiveFolders.removeTree(root + "/keep/b")
            #expect(try tree(root) == ["keep"])
            makeFile(root + "/file")
            try ArchiveFolders.removeTree(root + "/file/below")
        }
    }
}
