import Foundation

/// The accounts as the server knows them: read again whenever the file changed, so that an account added,
/// disabled or given a new password from the command line counts at the next request.
actor AccountCache {
    private struct Stamp: Equatable {
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
    }

    let book: AccountBook
    private var accounts: [Account] = []
    private var seen: Stamp?
    private var loaded = false

    init(book: AccountBook) { self.book = book }

    func all() throws -> [Account] {
        var info = stat()
        let now: Stamp? =
            stat(book.folder + "/accounts.json", &info) == 0
            ? Stamp(
                seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec), inode: UInt64(info.st_ino))
            : nil
        if !loaded || now != seen {
            accounts = try book.load()
            seen = now
            loaded = true
        }
        return accounts
    }

    /// The enabled account of this name.
    func account(_ name: String) throws -> Account? {
        try all().first { $0.name.lowercased() == name.lowercased() && !$0.disabled }
    }
}
