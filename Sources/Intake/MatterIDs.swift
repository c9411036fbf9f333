import Matters

/// The matter ids already used — in the files read so far and in the archive — compared without regard to
/// letter case: a folder `2026-abc` beside `2026-ABC` is one folder on a disk that ignores case (Windows shares,
/// macOS), so the second id is refused with the first named.
public struct MatterIDs: Sendable {
    /// Lowercased id → the id as written and where it was first used (`a.json 记录 3（…）`).
    private var used: [String: (id: String, place: String)] = [:]

    /// Ids archived before this run, with the archive's own spelling; an id spelled the same is no duplicate (the
    /// archive tells a repeated record from a changed one).
    public init(archived: [String] = []) {
        for id in archived { used[id.lowercased()] = (id, "档案") }
    }

    /// What is wrong with using `id` at `place`, if anything; otherwise `id` is now taken.
    public mutating func claim(_ id: String, at place: String) -> (problem: String, expectation: String)? {
        let key = id.lowercased()
        guard let first = used[key] else {
            used[key] = (id, place)
            return nil
        }
        if first.place == "档案" {
            if first.id == id { return nil }
            return (
                "编号“\(id)”与已归档的事项“\(first.id)”只差字母大小写（在不区分大小写的磁盘上是同一个文件夹）",
                "与已有编号不只差大小写的编号"
            )
        }
        if first.id == id { return ("编号“\(id)”重复：\(first.place) 已用此编号", "每个事项唯一的编号") }
        return (
            "编号“\(id)”与 \(first.place) 的“\(first.id)”只差字母大小写（在不区分大小写的磁盘上是同一个文件夹）",
            "与已有编号不只差大小写的编号"
        )
    }
}
