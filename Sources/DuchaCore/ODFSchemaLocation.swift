import Archive
import Foundation
import ODF

/// The OASIS ODF 1.3 RELAX NG schemas `ducha check` validates documents by, and where they are found: the folder
/// the caller names (`ducha check --odf-schema DIR`), else the one `$DUCHA_ODF_SCHEMA` names, else
/// ``defaultDirectory``, where `scripts/install-dependencies.sh` installs them. The files are OASIS's, unmodified
/// (``oasisURL``); Ducha does not ship copies.
public struct ODFSchemaLocation: Sendable {
    /// The environment variable naming the schemas' folder.
    public static let environmentVariable = "DUCHA_ODF_SCHEMA"
    /// Where the schemas are looked for when nothing names a folder.
    public static let defaultDirectory = "/usr/local/share/ducha/odf-schema"
    /// Where OASIS publishes them.
    public static let oasisURL = "https://docs.oasis-open.org/office/OpenDocument/v1.3/os/schemas/"
    /// The files a folder must hold.
    public static let files = [ODFSchemas.documentSchemaFile, ODFSchemas.manifestSchemaFile]
    /// The most bytes read of a schema file (the document schema is about 600 KB).
    static let maxBytes = 16 << 20

    /// The compiled schemas.
    public let schemas: ODFSchemas
    /// The folder they were read from.
    public let directory: String
    /// The SHA-256 of each file, in the order of ``files``, to record in a report which schemas were used.
    public let digests: [String]

    /// Whether `directory` holds both schema files.
    public static func holdsSchemas(_ directory: String) -> Bool {
        files.allSatisfy { FileManager.default.isReadableFile(atPath: directory + "/" + $0) }
    }

    /// The schemas from `explicit` (when given), else from `$DUCHA_ODF_SCHEMA`, else from ``defaultDirectory``;
    /// or, when they are not there or do not compile, why not, in words for the report (naming the folder looked
    /// in and how to provide the schemas).
    public static func load(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Result<ODFSchemaLocation, Unavailable> {
        let named = environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        let (directory, origin): (String, String) =
            if let explicit { (explicit, "给出的目录") } else if let named {
                (named, "环境变量 \(environmentVariable) 给出的目录")
            } else { (defaultDirectory, "默认位置") }
        let missing = files.filter { !FileManager.default.isReadableFile(atPath: directory + "/" + $0) }
        guard missing.isEmpty else {
            return .failure(
                Unavailable(
                    reason: "\(origin) \(directory) 中没有 " + missing.joined(separator: "、"), directory: directory))
        }
        do {
            var contents: [[UInt8]] = []
            for file in files {
                let path = directory + "/" + file
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                guard size <= maxBytes else {
                    return .failure(
                        Unavailable(reason: "\(path) 长 \(size) 字节，不像 ODF 模式文件", directory: directory))
                }
                contents.append(try Files.read(path))
            }
            let schemas = try ODFSchemas(document: contents[0], manifest: contents[1], source: directory)
            return .success(
                ODFSchemaLocation(schemas: schemas, directory: directory, digests: contents.map(Bag.sha256)))
        } catch let error as ODFError {
            return .failure(Unavailable(reason: "模式文件无法编译：\(error)", directory: directory))
        } catch {
            return .failure(Unavailable(reason: "模式文件无法读取：\(error)", directory: directory))
        }
    }

    /// Why the schemas could not be used.
    public struct Unavailable: Error, Sendable, CustomStringConvertible {
        /// What was wrong, naming the folder or file.
        public var reason: String
        /// The folder looked in.
        public var directory: String

        /// The reason, then what is and is not checked, then how to provide the schemas.
        public var description: String {
            "未找到可用的 ODF 1.3 RELAX NG 模式（\(reason)），ODF 文档只做了解析、未按 ODF 1.3 模式严格校验。"
                + "请用 --odf-schema 目录或环境变量 \(ODFSchemaLocation.environmentVariable) 指明模式所在的目录，"
                + "或运行 scripts/install-dependencies.sh 装到 \(ODFSchemaLocation.defaultDirectory)"
                + "（需要 " + ODFSchemaLocation.files.joined(separator: "、") + "，原样取自 "
                + ODFSchemaLocation.oasisURL + "）"
        }
    }
}
