extension ArchiveStore {
    /// The id of every archived matter, in any year (by year, then id), read from the folder names alone.
    public func archivedIDs() throws(ArchiveError) -> [String] {
        var ids: [String] = []
        for year in try Self.list(root).compactMap({ Int($0) }).sorted() {
            for id in try Self.list("\(root)/\(year)").sorted()
            where try Posix.exists("\(root)/\(year)/\(id)/data/matter.xml") {
                ids.append(id)
            }
        }
        return ids
    }
}
