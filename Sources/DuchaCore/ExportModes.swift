/// The Unix permissions of the hand-over zip's entries, as the archive keeps them (README, "Permissions"):
/// files `0644` and folders `0755`, but a 涉密 file `0600` and every folder holding one `0700`. The zip carries
/// them so that `unzip` gives no world-writable file and no readable 涉密 file.
struct ExportModes {
    /// Every folder of the payload (paths relative to the bag's top folder, ending in `/`), parents first,
    /// with its mode; the top folder itself is `""`.
    let folders: [(path: String, mode: UInt16)]
    private let classifiedFiles: Set<String>

    init(_ files: [(path: String, classified: Bool)]) {
        var modes: [String: UInt16] = ["": 0o755]
        for file in files {
            var folder = ""
            for part in file.path.split(separator: "/").dropLast() {
                folder += part + "/"
                if file.classified { modes[folder] = 0o700 } else if modes[folder] == nil { modes[folder] = 0o755 }
            }
        }
        if files.contains(where: \.classified) { modes[""] = 0o700 }
        folders = modes.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }.map {
            (path: $0.key, mode: $0.value)
        }
        classifiedFiles = Set(files.filter(\.classified).map(\.path))
    }

    /// A file's mode: `0600` for a 涉密 file, `0644` for any other (tag files included).
    func file(_ path: String) -> UInt16 { classifiedFiles.contains(path) ? 0o600 : 0o644 }
}
