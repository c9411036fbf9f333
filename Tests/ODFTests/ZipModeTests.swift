import Foundation
import ODF
import TestSupport
import Testing

@Suite("Zip entries with Unix permissions")
struct ZipModeTests {
    static let entries = [
        ZipEntry.folder("包/", mode: 0o755), ZipEntry.folder("包/密/", mode: 0o700),
        ZipEntry(name: "包/公开.txt", data: Array("公开\n".utf8), mode: 0o644),
        ZipEntry(name: "包/密/涉密.txt", data: Array("涉密\n".utf8), mode: 0o600),
        ZipEntry(name: "无权限.txt", data: Array("x".utf8)),
    ]

    @Test("each entry carries the mode it was given, made on Unix; an entry without one keeps libzip's default")
    func modesRoundTrip() throws {
        let bytes = try ZipWriter.archive(Self.entries, modified: .dosEpoch)
        let infos = try ZipReader(bytes: bytes, source: "权限.zip").entryInfos
        #expect(infos.map(\.name) == Self.entries.map(\.name))
        let modes = infos.map { $0.unixMode.map { $0 & 0o7777 } }
        #expect(modes == [0o755, 0o700, 0o644, 0o600, 0o666])
        #expect(infos[0].unixMode.map { $0 & 0o170000 } == 0o040000, "a folder entry")
        #expect(infos[2].unixMode.map { $0 & 0o170000 } == 0o100000, "a regular file")
        #expect(try ZipWriter.archive(Self.entries, modified: .dosEpoch) == bytes, "reproducible")
    }

    @Test(
        "unzip, a reader Ducha did not write, gives the files and folders these permissions",
        .enabled(if: TestEnvironment.shouldRun(needing: "unzip"), "unzip missing"))
    func unzipApplies() throws {
        let unzip = try #require(TestEnvironment.which("unzip"), "unzip is required in CI")
        let folder = try TestEnvironment.temporaryDirectory("ducha-zip-modes")
        defer { try? FileManager.default.removeItem(at: folder) }
        let zip = folder.appendingPathComponent("权限.zip").path
        try Data(try ZipWriter.archive(Array(Self.entries.prefix(4)), modified: .dosEpoch)).write(
            to: URL(fileURLWithPath: zip))
        let out = folder.appendingPathComponent("out").path
        let result = try run(unzip, ["-q", zip, "-d", out])
        #expect(result.status == 0, "\(result.stderr)")
        func mode(_ path: String) throws -> Int {
            try ((FileManager.default.attributesOfItem(atPath: out + "/" + path)[.posixPermissions] as? Int) ?? -1)
                & 0o777
        }
        #expect(try mode("包/公开.txt") == 0o644)
        #expect(try mode("包/密/涉密.txt") == 0o600)
        #expect(try mode("包/密") == 0o700)
    }
}
