import Archive
import DuchaCore
import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

@testable import DuchaServer

@Suite("Portal and command line on one archive")
struct SharedArchiveTests {
    @Test("the command line's change shows within seconds; a portal write waits while the command line holds the lock")
    func sharesTheArchive() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        var configuration = PortalConfiguration(workspace: fixture.workspace)
        configuration.today = { PortalFixture.day }
        configuration.refreshSeconds = 0.2
        configuration.port = 0
        let portal = try await Portal(configuration)
        try await portal.application().test(.live) { client in
            var clerk = try await Browser.signedIn(client, as: "clerk")
            #expect(try await !clerk.get("/matters/2026-016").text.contains("签收人"))
            // The command line records a 签收 (as `ducha intake` of an event file) while the server runs.
            let file = fixture.directory.appendingPathComponent("签收.json").path
            try Data(#"[{"事项": "2026-016", "事件": "签收", "日期": "2026-04-09", "签收人": "郑文博"}]"#.utf8)
                .write(to: URL(fileURLWithPath: file))
            let intake = try fixture.workspace.write(wait: true) { try $0.takeIn(files: [file]) }
            #expect(intake.eventsAdded == 1)
            let changed = ContinuousClock.now
            var shown = false
            while !shown, ContinuousClock.now - changed < .seconds(5) {
                shown = try await clerk.get("/matters/2026-016").text.contains("签收人")
                if !shown { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(shown, "the portal did not show the command line's 签收 within 5 seconds")

            // While a command-line run holds the lock, the portal's write waits for it, then lands.
            let released = ManagedAtomicFlag()
            let holder = Thread {
                let lock = try? ArchiveLock(root: fixture.archive, wait: true)
                Thread.sleep(forTimeInterval: 1.5)
                released.set()
                withExtendedLifetime(lock) {}
            }
            holder.start()
            try await Task.sleep(for: .milliseconds(200))
            var unit = try await Browser.signedIn(client, as: "shichahai")
            _ = try await unit.get(url("/matters/2026-001/events/签收"))
            let posted = try await unit.post(url("/matters/2026-001/events/签收"), form: ["f.签收人": "郑文博"])
            #expect(released.isSet, "the portal wrote while the lock was held")
            #expect(posted.status == .seeOther)
            #expect(try await unit.get("/matters/2026-001").text.contains("经办人：shichahai"))
        }
    }
}

/// A flag one thread sets and another reads.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
