import Archive
import Intake
import Matters

/// The inputs of one intake, opened and checked before anything of them is taken in. Memory follows no
/// input: a JSON matter file is read twice as a stream (checked now, registered one record at a time later), an
/// event file once as a stream with its attachments staged on disk, and a workbook whole only within the
/// spreadsheet limits.
struct IntakeInputs {
    /// A JSON matter file, with what its first pass found.
    struct MatterFile {
        let name: String
        let source: FileBytes
        let check: MatterReader.FileCheck
    }

    var matterFiles: [MatterFile] = []
    /// The matters of workbooks without an error.
    var ledgerMatters: [Matter] = []
    /// The matter files' and workbooks' problems and warnings, file by file.
    var matterDiagnostics: [Diagnostic] = []
    /// The events of event files and workbooks without an error.
    var events: [IncomingEvent] = []
    /// The event files' and events sheets' problems.
    var eventDiagnostics: [Diagnostic] = []
    /// Errors found beyond each file's first ``FileDiagnostics/limit``, not listed.
    var unlisted = 0
}

/// A record file on disk as the readers take it: in pieces, through one descriptor.
struct FileBytes: ByteSource {
    let file: InputFile

    func bytes(at offset: Int, count: Int) throws(ByteSourceError) -> [UInt8] {
        do {
            return try file.read(at: offset, count: count)
        } catch {
            throw ByteSourceError(error.message)
        }
    }
}

extension Office {
    /// Opens every input and checks it: JSON files are told apart by the `事件` key (``EventReader/holdsEvents(_:)``),
    /// workbooks by their extension. Matter ids are unique across the inputs and the archive, letter case aside.
    /// - Throws: ``DuchaError/unreadable(path:)`` when an input cannot be opened at all.
    func checkInputs(_ paths: [String], attachments: AttachmentStaging) throws -> IntakeInputs {
        var inputs = IntakeInputs()
        var jsonMatters: [(String, FileBytes)] = []
        var jsonEvents: [(String, FileBytes)] = []
        var ledgers: [(String, InputFile)] = []
        for path in paths {
            let file: InputFile
            do {
                file = try InputFile(path: path)
            } catch {
                throw DuchaError.unreadable(path: path)
            }
            if LedgerReader.isLedger(path) {
                ledgers.append((path, file))
            } else if EventReader.holdsEvents(FileBytes(file: file)) {
                jsonEvents.append((path, FileBytes(file: file)))
            } else {
                jsonMatters.append((path, FileBytes(file: file)))
            }
        }
        // The JSON event files are read on a thread of their own while the matter files and workbooks are checked:
        // they share nothing (an event reader looks at no matter id, and hashing an attachment changes nothing).
        let store = store
        let (events, ledgerRead) = try Parallel.beside(
            threads: workspace.threads,
            background: { [jsonEvents] in
                jsonEvents.map { name, source in
                    // Held in summary until recorded: a large file's events are read again one at a time.
                    EventReader.read(
                        name, source: source, attachments: { AttachmentStaging.load($0, store: store) },
                        summarised: true)
                }
            },
            foreground: { () throws -> LedgerReader.Result in
                var ids = MatterIDs(archived: try store.archivedIDs())
                for (name, source) in jsonMatters {
                    let check = MatterReader.check(name, source: source, ids: &ids)
                    inputs.matterDiagnostics += check.diagnostics.diagnostics
                    inputs.unlisted += check.diagnostics.unlisted
                    inputs.matterFiles.append(IntakeInputs.MatterFile(name: name, source: source, check: check))
                }
                // Workbooks (XLSX, ODS, CSV): their ids count against the JSON records' for duplicates.
                var workbooks: [(name: String, bytes: [UInt8])] = []
                for (name, file) in ledgers {
                    if let tooLarge = Self.tooLargeWorkbook(file) {
                        inputs.matterDiagnostics.append(tooLarge)
                        continue
                    }
                    workbooks.append((name, try Self.whole(file)))
                }
                let read = LedgerReader.read(files: workbooks, ids: &ids, attachments: attachments.load)
                inputs.matterDiagnostics += read.matters.diagnostics
                inputs.ledgerMatters = read.matters.matters
                inputs.unlisted += read.unlisted
                return read
            })
        for (read, diagnostics) in events {
            inputs.eventDiagnostics += diagnostics.diagnostics
            inputs.unlisted += diagnostics.unlisted
            inputs.events += read
        }
        inputs.eventDiagnostics += ledgerRead.events.diagnostics
        inputs.events += ledgerRead.events.events
        return inputs
    }

    /// Registers the matters of every input without an error: a JSON file's read again one record at a time.
    /// With more than one thread, each record is decoded here while those before it are written into the archive
    /// on writer threads (the outcomes are counted in the records' order).
    func registerMatters(of inputs: IntakeInputs, into result: inout IntakeResult) {
        let threads = workspace.threads
        let writer =
            threads > 1
            ? KeyedWorkers<(String, Result<ArchiveStore.RegisterOutcome, ArchiveError>)>(threads: threads) : nil
        func count(_ outcomes: [(String, Result<ArchiveStore.RegisterOutcome, ArchiveError>)]) {
            for (id, outcome) in outcomes {
                switch outcome {
                case .success(.added): result.mattersAdded += 1
                case .success(.unchanged): result.mattersUnchanged += 1
                case .failure(let error): result.problems.append(Problem(matter: id, error))
                }
            }
        }
        let store = store
        func register(_ matter: Matter) {
            guard let writer else {
                return count([(matter.id, Result { () throws(ArchiveError) in try store.register(matter) })])
            }
            writer.submit(key: matter.id) {
                (matter.id, Result { () throws(ArchiveError) in try store.register(matter) })
            }
            count(writer.takeDone())
        }
        for file in inputs.matterFiles where !file.check.hasErrors {
            do {
                try MatterReader.forEachMatter(in: file.name, source: file.source, expecting: file.check, register)
            } catch let changed as MatterReader.ChangedWhileReading {
                count(writer?.drain() ?? [])
                result.problems.append(Problem(cause: .diagnostic(changed.diagnostic)))
            } catch {
                count(writer?.drain() ?? [])
                result.problems.append(Problem(place: file.name, error))
            }
        }
        for matter in inputs.ledgerMatters { register(matter) }
        count(writer?.finish() ?? [])
    }

    /// The error of a workbook too large to be one, before it is read (the spreadsheet limits bound what it
    /// holds; a file beyond them is not read into memory to find that out).
    private static func tooLargeWorkbook(_ file: InputFile) -> Diagnostic? {
        let limits = SpreadsheetLimits.default
        let isCSV = file.path.lowercased().hasSuffix(".csv")
        let limit = isCSV ? limits.maxCSVBytes : limits.zip.maxTotalSize
        guard file.size > limit else { return nil }
        return Diagnostic(
            file: file.path, location: "", field: "", problem: "文件大小 \(file.size) 字节，超过台账文件的上限 \(limit) 字节",
            expectation: isCSV ? "不超过 \(limit >> 20) MiB 的 CSV 文件" : "不超过 \(limit >> 20) MiB 的工作簿", isCell: true)
    }

    private static func whole(_ file: InputFile) throws -> [UInt8] {
        do {
            return try file.read(at: 0, count: file.size)
        } catch {
            throw DuchaError.unreadable(path: file.path)
        }
    }
}
