/// An error from reading or writing XML, zip archives or OpenDocument packages.
///
/// It names the file or package part it is about (``source``), the line when known, and
/// carries libxml2's or libzip's own message text in ``message``. Its ``description`` is a
/// one-line Simplified Chinese message for the command line, for example
/// `模板.fodt:12: XML 格式错误：Opening and ending tag mismatch: p line 3 and span`.
public struct ODFError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem this is.
    public var code: Code
    /// What went wrong, including the C library's own text where there is one.
    public var message: String
    /// The file, zip entry or package part the error is about, e.g. `模板.fodt` or
    /// `报告.odt/content.xml`.
    public var source: String
    /// The 1-based line in ``source``, when known.
    public var line: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, source: String, line: Int? = nil) {
        self.code = code
        self.message = message
        self.source = source
        self.line = line
    }

    /// `来源:行: 类别：消息` in Simplified Chinese.
    public var description: String {
        var text = source
        if let line { text += ":\(line)" }
        return text + ": " + code.label + "：" + message
    }
}

extension ODFError {
    /// The kind of an ``ODFError``: an extensible set (new codes may be added without breaking
    /// `switch` statements, which must have a `default`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case xmlSyntax, forbiddenDTD, limitExceeded, zip, unsafeEntryName, missingPart
            case invalidDocument, invalidArgument, encrypted
        }

        private let wrapped: Wrapped

        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The XML is not well-formed (libxml2's message says why).
        public static var xmlSyntax: Self { Self(.xmlSyntax) }
        /// The XML has a document type declaration or an entity reference, which Ducha refuses.
        public static var forbiddenDTD: Self { Self(.forbiddenDTD) }
        /// A size, depth, count or compression-ratio limit was exceeded.
        public static var limitExceeded: Self { Self(.limitExceeded) }
        /// libzip could not read or write the archive.
        public static var zip: Self { Self(.zip) }
        /// A zip entry name is absolute, contains `..` or a backslash, or is repeated.
        public static var unsafeEntryName: Self { Self(.unsafeEntryName) }
        /// A required zip entry or package part is missing.
        public static var missingPart: Self { Self(.missingPart) }
        /// The XML is well-formed but not the OpenDocument structure that was expected.
        public static var invalidDocument: Self { Self(.invalidDocument) }
        /// A value passed by the caller cannot be used (e.g. a timestamp out of the DOS range).
        public static var invalidArgument: Self { Self(.invalidArgument) }
        /// The archive or package is encrypted, which Ducha does not support.
        public static var encrypted: Self { Self(.encrypted) }

        /// The Simplified Chinese label used in ``ODFError/description``.
        public var label: String {
            switch wrapped {
            case .xmlSyntax: "XML 格式错误"
            case .forbiddenDTD: "不允许的文档类型声明或实体"
            case .limitExceeded: "超出安全限制"
            case .zip: "ZIP 压缩包错误"
            case .unsafeEntryName: "不安全的压缩包条目名"
            case .missingPart: "缺少部件"
            case .invalidDocument: "不是有效的 ODF 文档"
            case .invalidArgument: "参数无效"
            case .encrypted: "不支持加密文件"
            }
        }

        /// A stable English identifier, e.g. `xmlSyntax`.
        public var description: String {
            switch wrapped {
            case .xmlSyntax: "xmlSyntax"
            case .forbiddenDTD: "forbiddenDTD"
            case .limitExceeded: "limitExceeded"
            case .zip: "zip"
            case .unsafeEntryName: "unsafeEntryName"
            case .missingPart: "missingPart"
            case .invalidDocument: "invalidDocument"
            case .invalidArgument: "invalidArgument"
            case .encrypted: "encrypted"
            }
        }
    }
}
