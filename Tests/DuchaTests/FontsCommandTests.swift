import Foundation
import TestSupport
import Testing

/// The official faces' stand-ins on this machine, as `ducha fonts` reports them with the shipped fonts.conf.
@Suite("ducha fonts", .needs("fc-match", "python3"))
struct FontsCommandTests {
    /// The official face, and the stand-in scripts/install-dependencies.sh installs for it.
    static let standIns = [
        ("仿宋_GB2312", "FandolFang"), ("方正小标宋简体", "Noto Serif CJK SC Black"), ("黑体", "Noto Sans CJK SC"),
        ("楷体_GB2312", "FandolKai"), ("宋体", "Noto Serif CJK SC"),
    ]

    @Test(
        "each official name resolves to its installed stand-in, and each covers all 6,763 GB2312 hanzi",
        .enabled(
            if: TestEnvironment.hasStandInFonts,
            "the stand-in fonts are not installed (bash scripts/install-dependencies.sh)"))
    func standIns() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try workspace.ducha(["fonts"])
        #expect(result.status == 0, "\(result.output)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // All 6,763 hanzi of GB 2312 (rows 16–87), decoded by Python's codec, against each font's charset.
        let hanzi = try TestEnvironment.python(
            """
            import sys
            out = []
            for hi in range(0xB0, 0xF8):
                for lo in range(0xA1, 0xFF):
                    try: out.append(bytes([hi, lo]).decode('gb2312'))
                    except UnicodeDecodeError: pass
            sys.stdout.write(''.join(out))
            """)
        #expect(hanzi.count == 6763)
        for (face, standIn) in Self.standIns {
            let line = try #require(lines.first { $0.hasPrefix("  \(face)（") }, "\(face) not listed: \(result.stdout)")
            let families = line.components(separatedBy: "→ ").last?.components(separatedBy: "（").first ?? ""
            #expect(families.split(separator: ",").contains { $0 == standIn }, "\(face) → \(families)")
            let file = try #require(line.components(separatedBy: "）").last, "\(line)")
            #expect(FileManager.default.fileExists(atPath: file), "\(face): \(file)")
            let charset = try run("fc-query", ["-f", "%{charset}\\n", file]).stdout
            let coverage = CharacterCoverageCheck(charset.split(separator: "\n").first.map(String.init) ?? "")
            let missing = hanzi.unicodeScalars.filter { !coverage.contains($0.value) }
            #expect(
                missing.isEmpty,
                "\(face) → \(standIn) lacks \(missing.count) GB2312 hanzi, e.g. \(missing.prefix(10).map(String.init).joined())"
            )
        }
    }

    @Test(
        "a character the 仿宋 stand-in lacks is reported with its code point, exit 1; a plain document passes",
        .enabled(
            if: TestEnvironment.hasStandInFonts,
            "the stand-in fonts are not installed (bash scripts/install-dependencies.sh)"))
    func gaps() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        func document(_ text: String, _ name: String) throws -> String {
            let path = workspace.directory.appendingPathComponent(name).path
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
                xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3" \
                office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>\
                <text:p>\(text)</text:p></office:text></office:body></office:document>
                """
            try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let rare = try document("朱镕基同志", "rare.fodt")
        let plain = try document("请于2026年3月30日前报送〔2026〕", "plain.fodt")
        let reported = try workspace.ducha(["fonts", rare])
        #expect(reported.status == 1, "\(reported.output)")
        #expect(reported.stderr.contains("仿宋_GB2312（FandolFang"), "\(reported.stderr)")
        #expect(reported.stderr.contains("“镕”(U+9555)"), "\(reported.stderr)")
        #expect(!reported.stderr.contains("“朱”"), "\(reported.stderr)")
        let passed = try workspace.ducha(["fonts", plain])
        #expect(passed.status == 0 && passed.stderr.isEmpty, "\(passed.output)")
    }
}

/// fontconfig charset ranges (`20-7e a0 …`), read here independently of Ducha's own parser.
private struct CharacterCoverageCheck {
    let ranges: [ClosedRange<UInt32>]
    init(_ text: String) {
        ranges = text.split(separator: " ").compactMap { field in
            let bounds = field.split(separator: "-").compactMap { UInt32($0, radix: 16) }
            guard let low = bounds.first, let high = bounds.last, low <= high else { return nil }
            return low...high
        }
    }
    func contains(_ value: UInt32) -> Bool { ranges.contains { $0.contains(value) } }
}
