/// Namespace names used by the ODF helpers, and prefix lookup on ``XMLElement``.
public enum ODFNamespace {
    /// `office:` — urn:oasis:names:tc:opendocument:xmlns:office:1.0
    public static let office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    /// `style:` — urn:oasis:names:tc:opendocument:xmlns:style:1.0
    public static let style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    /// `text:` — urn:oasis:names:tc:opendocument:xmlns:text:1.0
    public static let text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    /// `manifest:` — urn:oasis:names:tc:opendocument:xmlns:manifest:1.0
    public static let manifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
}

extension XMLElement {
    /// The prefix this element itself declares for `namespace` (`""` for a default namespace
    /// declaration), or `nil` if it declares none. Only this element's own `xmlns` attributes
    /// are consulted, which is where ODF documents declare every namespace.
    public func declaredPrefix(for namespace: String) -> String? {
        for attribute in attributes where attribute.value == namespace {
            if attribute.name == "xmlns" { return "" }
            if attribute.name.hasPrefix("xmlns:") { return String(attribute.name.dropFirst(6)) }
        }
        return nil
    }
}

/// Builds qualified names from a prefix (possibly empty) and a local name.
struct QualifiedNames {
    let prefix: String

    /// `prefix:local`, or `local` for the empty prefix.
    func callAsFunction(_ local: String) -> String {
        prefix.isEmpty ? local : prefix + ":" + local
    }
}
