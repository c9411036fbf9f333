import Foundation

/// The files the package ships that tests run on: the templates folder and the example quarter.
public enum ShippedFiles {
    public static let templates = TestEnvironment.packageRoot.appendingPathComponent("Templates").path
    /// The example matter records.
    public static let examples = ["重点任务-2026Q1.json", "领导批示-2026Q1.json"].map(example)
    /// The example quarter: the matter records and the events that take 2026-009 and 2026-017 through every state.
    public static let quarter = examples + [example("事件-2026Q1.json")]
    /// Seven events the lifecycle refuses.
    public static let forbidden = example("场景/不允许的事件.json")

    /// A file of `Examples/`.
    public static func example(_ name: String) -> String {
        TestEnvironment.packageRoot.appendingPathComponent("Examples/\(name)").path
    }
}
