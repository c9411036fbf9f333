import Archive
import Foundation
import GuoMi
import ODF
import TestSupport
import Testing

@testable import DuchaCore

/// The 四性检测 of the hand-over as the 档案馆 receives it: signed DA/T 48 packages, and each tampering failing
/// its own item only.
extension DossierTests {
    /// The example year with the office's key, its dossier and its export (涉密 件 included when asked).
    func signedExport(includeClassified: Bool = false) throws -> (archive: TestArchive, zip: String, key: String) {
        let archive = try TestArchive()
        #expect(try archive.batch().problems.isEmpty)
        let key = archive.path("督查室公钥.pem")
        let created = try OfficeKey(archive: archive.archive).create(exportPublic: key)
        let mode = try FileManager.default.attributesOfItem(atPath: created.privatePath)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o777 } == 0o600, "the private key is owner-only")
        #expect(throws: DuchaError.self, "a key is never replaced") { try OfficeKey(archive: archive.archive).create() }
        let zip = archive.path("移交.zip")
        let result = try archive.write {
            try $0.writeDossier(year: 2026, export: zip, includeClassified: includeClassified)
        }
        #expect(result.export?.signed == true)
        return (archive, zip, key)
    }

    func check(_ zip: String, key: String?) throws -> CheckReport {
        try ArchiveCheck.run(
            CheckRequest(stage: .transfer, package: zip, publicKey: key, odfSchema: TestArchive.odfSchema),
            date: try .on("2026-04-01"))
    }

    func failures(_ report: CheckReport) -> String {
        report.outcomes.filter { $0.verdict == .failed }.map { "\($0.item): \($0.evidence.prefix(4))" }
            .joined(separator: "\n")
    }

    /// Rewrites a received zip: `change` edits its files (name → bytes, names under the top folder); then, when
    /// `reseal`, the manifests are rewritten to match and the package is signed again with the office's key.
    func tamper(
        _ zip: String, archive: TestArchive, reseal: Bool = true, _ change: (inout [String: [UInt8]]) throws -> Void
    ) throws {
        let reader = try ZipReader(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: zip))), source: zip)
        let modes = Dictionary(uniqueKeysWithValues: reader.entryInfos.map { ($0.name, $0.unixMode) })
        let top = try #require(reader.entryNames.first?.split(separator: "/").first.map(String.init))
        var files: [String: [UInt8]] = [:]
        for (name, data) in try reader.readAll() where !name.hasSuffix("/") {
            files[String(name.dropFirst(top.count + 1))] = data
        }
        try change(&files)
        let payload = files.filter { $0.key.hasPrefix("data/") }.sorted {
            Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8))
        }.map { (path: $0.key, bytes: $0.value) }
        let info = String(decoding: files["bag-info.txt"] ?? [], as: UTF8.self).split(separator: "\n")
            .compactMap { line -> (String, String)? in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0] != "Payload-Oxum", parts[0] != "Bag-Software-Agent" else { return nil }
                return (String(parts[0]), String(parts[1].dropFirst()))
            }
        if reseal { for (name, bytes) in Bag.tagFiles(payload: payload, info: info) { files[name] = bytes } }
        if reseal, let manifest = files["manifest-sm3.txt"], let key = try OfficeKey(archive: archive.archive).load() {
            files[HandOverPackage.signatureFile] = try HandOverPackage.packageSignature(
                manifest: manifest,
                signer: HandOverPackage.Signer(name: "北京市西城区人民政府督查室", key: key, time: "2026-03-31T00:00:00+08:00"))
        }
        let entries = files.sorted { $0.key < $1.key }.map {
            ZipEntry(name: "\(top)/\($0.key)", data: $0.value, mode: modes["\(top)/\($0.key)"] ?? 0o644)
        }
        try Data(try ZipWriter.archive(entries, modified: .dosEpoch)).write(to: URL(fileURLWithPath: zip))
    }

    @Test(
        "the signed hand-over passes at the transfer stage, with 涉密 件 withheld or included; without the sender's key the signature item fails",
        .enabled(if: TestEnvironment.shouldRun(needing: "soffice"), "LibreOffice missing"))
    func handOverPasses() throws {
        for includeClassified in [false, true] {
            let (archive, zip, key) = try signedExport(includeClassified: includeClassified)
            defer { archive.remove() }
            let report = try check(zip, key: key)
            #expect(report.passed, "\(failures(report))")
            try validateWithOtherTools(zip, in: archive.path("unzipped"))
            let signatures = try #require(report.outcomes.first { $0.item == .signatures })
            #expect(signatures.evidence.joined().contains("个电子文件封装包的电子签名和锁定签名验证通过"))
            #expect(try check(zip, key: nil).failed == [.signatures])
            // The archive with its dossier passes at the preservation stage, each copy equal to its original.
            let kept = try ArchiveCheck.run(
                CheckRequest(
                    stage: .preservation, archive: archive.archive, year: 2026, odfSchema: TestArchive.odfSchema),
                date: try .on("2026-04-01"))
            #expect(kept.passed, "\(failures(kept))")
            #expect(kept.subject.contains("35 个档案包"), "33 matters, the bulletins and the dossier: \(kept.subject)")
            // Another office's key is no good either.
            let stranger = archive.path("他人公钥.pem")
            try Data(try SM2PrivateKey().publicKey.pem).write(to: URL(fileURLWithPath: stranger))
            #expect(try check(zip, key: stranger).failed == [.signatures])
        }
    }

    @Test(
        "each tampering of the received zip fails its item only: a changed byte, a removed 件, a forged signature, a changed metadata value",
        .enabled(if: TestEnvironment.shouldRun(needing: "soffice"), "LibreOffice missing"))
    func handOverTampering() throws {
        let (archive, zip, key) = try signedExport()
        defer { archive.remove() }
        let original = try Data(contentsOf: URL(fileURLWithPath: zip))
        func restore() throws { try original.write(to: URL(fileURLWithPath: zip)) }
        let first = "Z109-WS·2026-Y-DCS-0002"

        // A changed byte in a file, the manifests left as they were.
        try tamper(zip, archive: archive, reseal: false) { files in
            // A record (XML), so that the file still opens: one digit of a date.
            let name = try #require(files.keys.sorted().first { $0.hasPrefix("data/文件/") && $0.hasSuffix(".xml") })
            let text = String(decoding: try #require(files[name]), as: UTF8.self)
            let range = try #require(text.range(of: "2026"))
            files[name] = Array(text.replacingCharacters(in: range, with: "2027").utf8)
        }
        var report = try check(zip, key: key)
        #expect(report.failed == [.fixity], "\(failures(report))")
        try restore()

        // A removed 件: its files gone, the manifests rewritten and the package signed again.
        try tamper(zip, archive: archive) { files in
            for name in files.keys where name.hasPrefix("data/文件/\(first)/") { files[name] = nil }
        }
        report = try check(zip, key: key)
        #expect(report.failed == [.content], "\(failures(report))")
        try restore()

        // A forged signature: another key's signature of the same 被签名对象.
        try tamper(zip, archive: archive) { files in
            let name = "data/封装包/\(first).xml"
            let eep = try #require(files[name])
            let body = try #require(HandOverPackage.signedBytes(eep))
            let forged = Base64.encode(try SM2PrivateKey().sign(body))
            var text = String(decoding: eep, as: UTF8.self)
            let start = try #require(text.range(of: "<签名结果>"))
            let end = try #require(text.range(of: "</签名结果>", range: start.upperBound..<text.endIndex))
            text.replaceSubrange(start.upperBound..<end.lowerBound, with: forged)
            files[name] = Array(text.utf8)
        }
        report = try check(zip, key: key)
        #expect(report.failed == [.signatures], "\(failures(report))")
        try restore()

        // A changed metadata value in the catalogue, manifests rewritten and signed again.
        try tamper(zip, archive: archive) { files in
            let name = "data/归档文件目录.xml"
            var text = String(decoding: try #require(files[name]), as: UTF8.self)
            let range = try #require(text.range(of: "<日期>2026"))
            text.replaceSubrange(range, with: "<日期>2026-")
            files[name] = Array(text.utf8)
        }
        report = try check(zip, key: key)
        #expect(report.failed == [.metadataValues], "\(failures(report))")
    }

    /// bagit.py validates the signed export, and `openssl dgst -sm3` agrees with its SM3 manifests.
    func validateWithOtherTools(_ zip: String, in folder: String) throws {
        guard TestEnvironment.shouldRun(needing: "unzip", "openssl", "bagit.py") else { return }
        let unzip = try #require(TestEnvironment.which("unzip"), "unzip is required in CI")
        let openssl = try #require(TestEnvironment.which("openssl"), "openssl is required in CI")
        let bagit = try #require(TestEnvironment.which("bagit.py"), "bagit.py is required in CI")
        #expect(try run(unzip, ["-q", zip, "-d", folder]).status == 0)
        let top = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        let bag = folder + "/" + top
        let validation = try run(bagit, ["--validate", "--quiet", bag])
        #expect(validation.status == 0, "\(validation.stderr)")
        for manifest in ["manifest-sm3.txt", "tagmanifest-sm3.txt"] {
            let lines = try String(contentsOfFile: bag + "/" + manifest, encoding: .utf8).split(separator: "\n")
            let listed = lines.map { line in
                let parts = line.split(separator: " ", maxSplits: 1)
                return (digest: String(parts[0]), path: String(parts[1].drop { $0 == " " }))
            }
            let result = try run(openssl, ["dgst", "-sm3", "-r"] + listed.map { bag + "/" + $0.path })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.split(separator: "\n").map { String($0.prefix(64)) } == listed.map(\.digest))
            #expect(listed.count > 3)
        }
        // openssl verifies the SM2 signatures: one 封装包's over its 被签名对象, the package's over manifest-sm3.txt.
        let eep = try #require(
            try FileManager.default.contentsOfDirectory(atPath: bag + "/data/封装包").sorted().first, "no 封装包")
        let slice = """
            import base64, re, sys
            text = open(sys.argv[1], encoding="utf-8").read()
            if sys.argv[3] == "body":
                start = text.index("<被签名对象")
                end = text.index("</被签名对象>") + len("</被签名对象>")
                open(sys.argv[2], "wb").write(text[start:end].encode("utf-8"))
            else:
                open(sys.argv[2], "wb").write(base64.b64decode(re.search("<签名结果>([^<]*)</签名结果>", text).group(1)))
            """
        let scratch = folder + "-openssl"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let publicKey = URL(fileURLWithPath: folder).deletingLastPathComponent().appendingPathComponent("督查室公钥.pem")
            .path
        let pairs = [
            (bag + "/data/封装包/" + eep, scratch + "/body", bag + "/data/封装包/" + eep),
            (bag + "/manifest-sm3.txt", "", bag + "/移交签名.xml"),
        ]
        for (n, (message, body, signed)) in pairs.enumerated() {
            var messageFile = message
            if !body.isEmpty {
                #expect(try run("/usr/bin/env", ["python3", "-c", slice, message, body, "body"]).status == 0)
                messageFile = body
            }
            let signature = scratch + "/sig\(n)"
            #expect(try run("/usr/bin/env", ["python3", "-c", slice, signed, signature, "sig"]).status == 0)
            let verified = try run(
                openssl,
                [
                    "dgst", "-sm3", "-verify", publicKey, "-sigopt", "distid:1234567812345678", "-signature", signature,
                    messageFile,
                ])
            #expect(verified.stdout.contains("Verified OK"), "\(message): \(verified.output)")
        }
    }
}
