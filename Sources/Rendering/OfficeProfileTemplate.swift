import Foundation

/// A LibreOffice profile that has done its first start, kept per user and per LibreOffice installation to seed
/// the profiles of new workers. On a fresh profile LibreOffice makes the profile and exits with code 81 (to be
/// started again), then spends about 0.8 CPU seconds more on its first real start (it runs its graphics render
/// tests, and notes that its first start is done); a copy of a profile that has done that starts in ~0.2 s for
/// ~0.2 CPU seconds.
/// Every worker still has a profile of its own (LibreOffice's pipe is named after the profile's path).
enum OfficeProfileTemplate {
    /// `$XDG_CACHE_HOME/ducha/libreoffice-profile-<key>` (else under `~/.cache`), the key made of the path, size
    /// and time of `soffice.bin` (links resolved); nil without a home.
    static func folder(for binary: String) -> URL? {
        let environment = ProcessInfo.processInfo.environment
        let cache: URL
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            cache = URL(fileURLWithPath: xdg)
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            cache = URL(fileURLWithPath: home).appendingPathComponent(".cache")
        } else {
            return nil
        }
        let real = URL(fileURLWithPath: binary).resolvingSymlinksInPath().path
        var info = stat()
        guard stat(real, &info) == 0 else { return nil }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array("\(real)\u{0}\(info.st_size)\u{0}\(info.st_mtim.tv_sec)".utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return cache.appendingPathComponent("ducha").appendingPathComponent(
            "libreoffice-profile-" + String(hash, radix: 16))
    }

    /// Copies the template into `profile`, which does not exist yet; false when there is no template.
    static func seed(_ profile: URL, binary: String) -> Bool {
        guard let template = folder(for: binary), FileManager.default.fileExists(atPath: template.path),
            !FileManager.default.fileExists(atPath: profile.path)
        else { return false }
        do {
            try FileManager.default.copyItem(at: template, to: profile)
            return true
        } catch {
            try? FileManager.default.removeItem(at: profile)
            return false
        }
    }

    /// Keeps a copy of `profile` (of a server that has ended by itself) as the template, when there is none yet
    /// and the profile has done its first start: LibreOffice has noted the version it last started as
    /// (`ooSetupLastVersion`, written a few seconds after a first start, once its first-start work is done).
    static func keep(_ profile: URL, binary: String) {
        let registry = profile.appendingPathComponent("user/registrymodifications.xcu")
        guard let template = folder(for: binary), !FileManager.default.fileExists(atPath: template.path),
            let settings = FileManager.default.contents(atPath: registry.path),
            String(decoding: settings, as: UTF8.self).contains("\"ooSetupLastVersion\"")
        else { return }
        let parent = template.deletingLastPathComponent()
        let temporary = parent.appendingPathComponent(".\(template.lastPathComponent)-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(
                at: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.copyItem(at: profile, to: temporary)
            // Another process may have kept one meanwhile: the first one stays.
            if rename(temporary.path, template.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Forgets the template (LibreOffice could not start from a copy of it).
    static func discard(binary: String) {
        guard let template = folder(for: binary) else { return }
        try? FileManager.default.removeItem(at: template)
    }
}
