/// Told how a long job is going: a front end draws a progress bar, a log line, or nothing.
public protocol ProgressReporter: AnyObject {
    /// A stage of `total` steps begins.
    func start(total: Int, label: String)
    /// One step of the stage is done.
    func advance()
    /// The stage is over.
    func finish()
}
