import Foundation
import Matters
import PropertyBased
import TestSupport
import Testing

@testable import Intake

/// A fuzz target run on every `swift test`, bounded in count and time: shipped and sample inputs mutated at
/// random — bytes flipped, JSON punctuation, escapes, control bytes, invalid UTF-8 and keys inserted, slices cut,
/// doubled or truncated — and fed to the JSON parser, the record and event readers and the workbook reader.
/// Each must answer without crashing; every problem it reports is a message a terminal can show (no raw control
/// characters), at most ``FileDiagnostics/limit`` a file and a count; nothing is taken from a file with an error.
/// A failure prints the seed that reproduces it (`.fixedSeed(…)`).
@Suite("Fuzzing the readers (bounded)")
struct ReaderFuzzTests {
    /// Inputs per reader, and the most time the whole reader's run may take.
    static let count = 2_000
    static let budget: Duration = .seconds(20)

    /// What is inserted: JSON punctuation, escapes, keys of the catalogues, and bytes that are not text.
    static let tokens: [[UInt8]] =
        [
            "{", "}", "[", "]", "\"", ",", ":", "\\", "\\u", "\\ud800", "\\u0000", "\\u001b[2J", "null", "true", "-0",
            "1e999", "\"事件\"", "\"附件\"", "\"编号\"", "[\"../x.pdf\"]", "{\"事项\": [", "\u{FEFF}", "\n", "\r\n", "%0A",
        ].map { Array($0.utf8) } + [[0x00], [0x07], [0x1B], [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8]]

    /// A small deterministic generator (SplitMix64), seeded by the property's input.
    struct Mixer {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return bound <= 0 ? 0 : Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// `seed` mutated `steps` times.
    static func mutate(_ seed: [UInt8], key: UInt64, steps: Int) -> [UInt8] {
        var bytes = seed
        var mix = Mixer(state: key)
        for _ in 0..<steps {
            let at = mix.next(bytes.count + 1)
            switch mix.next(6) {
            case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] ^= UInt8(1 << mix.next(8))
            case 1: bytes.insert(contentsOf: tokens[mix.next(tokens.count)], at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + mix.next(64)))
            case 3:
                let end = min(bytes.count, at + mix.next(256))
                bytes.insert(contentsOf: bytes[at..<end], at: end)
            case 4: bytes.removeLast(bytes.count - at)
            default: bytes.insert(UInt8(mix.next(256)), at: at)
            }
        }
        return bytes
    }

    static func example(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: TestEnvironment.packageRoot.appendingPathComponent("Examples/\(name)")))
    }

    /// Checks what every reader promises of its problems.
    static func checkDiagnostics(_ diagnostics: [Diagnostic], files: Int) {
        #expect(diagnostics.count <= files * (FileDiagnostics.limit + 1))
        for d in diagnostics {
            #expect(!d.description.unicodeScalars.contains { MessageText.needsEscape($0) }, "\(d.description)")
        }
    }

    @Test("The JSON parser and the matter reader, on mutated matter records")
    func matterRecords() async throws {
        let seed = try Self.example("重点任务-2026Q1.json")
        let clock = ContinuousClock()
        let start = clock.now
        await propertyCheck(count: Self.count, input: Gen.uint64(), Gen.int(in: 1...12)) { key, steps in
            guard clock.now - start < Self.budget else { return }
            let bytes = Self.mutate(seed, key: key, steps: steps)
            _ = try? JSONParser.parse(bytes)
            let result = MatterReader.read(files: [("m.json", bytes)])
            Self.checkDiagnostics(result.diagnostics, files: 1)
            if result.hasErrors { #expect(result.matters.isEmpty) }
            // The streamed second pass reads what the first checked.
            var ids = MatterIDs()
            let check = MatterReader.check("m.json", source: bytes, ids: &ids)
            if !check.hasErrors {
                var again: [Matter] = []
                try MatterReader.forEachMatter(in: "m.json", source: bytes, expecting: check) { again.append($0) }
                #expect(again == result.matters)
            }
        }
    }

    @Test("The event reader, on mutated event records with attachments")
    func eventRecords() async throws {
        let seed = try Self.example("事件-2026Q1.json")
        let clock = ContinuousClock()
        let start = clock.now
        await propertyCheck(count: Self.count, input: Gen.uint64(), Gen.int(in: 1...12)) { key, steps in
            guard clock.now - start < Self.budget else { return }
            let bytes = Self.mutate(seed, key: key, steps: steps)
            let result = EventReader.read(files: [("来件/e.json", bytes)]) { path in Array(path.utf8) }
            Self.checkDiagnostics(result.diagnostics, files: 1)
            if !result.filesWithErrors.isEmpty { #expect(result.events.isEmpty) }
            _ = EventReader.holdsEvents(bytes)
        }
    }

    @Test("The workbook reader, on mutated CSV and XLSX ledgers")
    func workbooks() async throws {
        let xlsx = try Self.example("台账-2026Q1.xlsx")
        let csv = LedgerCSV.sample.bytes
        let clock = ContinuousClock()
        let start = clock.now
        await propertyCheck(count: Self.count, input: Gen.uint64(), Gen.int(in: 1...12)) { key, steps in
            guard clock.now - start < Self.budget else { return }
            for (name, seed) in [("台账.xlsx", xlsx), ("台账.csv", csv)] {
                let bytes = Self.mutate(seed, key: key, steps: steps)
                let result = LedgerReader.read(files: [(name, bytes)]) { _ in nil }
                Self.checkDiagnostics(result.diagnostics, files: 1)
                if result.hasErrors { #expect(result.matters.matters.isEmpty && result.events.events.isEmpty) }
            }
        }
    }
}
