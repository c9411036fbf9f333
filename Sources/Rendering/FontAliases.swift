import Foundation

/// The government fonts the documents name, and the fontconfig set-up that maps them to fonts installed here
/// (`Templates/fonts.conf` on top of the system's configuration): the one set-up every PDF path and
/// `ducha fonts` use, so that what the command reports is what LibreOffice lays out with.
public enum FontAliases {
    /// The official faces of GB/T 9704 the templates name, with their role.
    public static let officialFaces: [(name: String, role: String)] = [
        ("仿宋_GB2312", "正文、发文字号、表格"), ("方正小标宋简体", "发文机关标志、标题"), ("黑体", "密级、紧急程度、一级标题"),
        ("楷体_GB2312", "签发人姓名、二级标题"), ("宋体", "页码"),
    ]

    /// Writes a fontconfig file into `directory` that reads the system's configuration, then `aliases` (when
    /// given and present), and returns its path: the value for `FONTCONFIG_FILE`.
    public static func configuration(aliases: String?, in directory: URL) throws -> String {
        var includes = #"  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>"# + "\n"
        if let aliases, FileManager.default.fileExists(atPath: aliases) {
            let absolute = URL(fileURLWithPath: aliases).standardizedFileURL.path
            includes += "  <include ignore_missing=\"yes\">\(escaped(absolute))</include>\n"
        }
        let text = "<?xml version=\"1.0\"?>\n<fontconfig>\n" + includes + "</fontconfig>\n"
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("fonts.conf")
        try Data(text.utf8).write(to: file)
        return file.path
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
