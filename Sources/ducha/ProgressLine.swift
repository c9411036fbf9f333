import DuchaCore
import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
final class ProgressLine: ProgressReporter {
    private var total = 0
    private var done = 0
    private var label = ""
    private var lastDrawn = 0.0
    private let enabled: Bool

    init(quiet: Bool) { enabled = !quiet && isatty(STDERR_FILENO) != 0 }

    func start(total: Int, label: String) {
        self.total = total
        self.done = 0
        self.label = label
        draw(force: true)
    }

    func advance() {
        done += 1
        draw(force: done == total)
    }

    func finish() {
        guard enabled, total > 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw(force: Bool) {
        guard enabled, total > 0 else { return }
        let now = Date().timeIntervalSince1970
        guard force || now - lastDrawn > 0.1 else { return }
        lastDrawn = now
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\u{1B}[K\(label) \(bar) \(done)/\(total)".utf8))
    }
}

@available(*, unavailable)
extension ProgressLine: Sendable {}
