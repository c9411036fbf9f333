import Rendering

extension Workspace {
    /// Whether print copies can be made here (LibreOffice is installed; see ``printCopies(of:into:)``).
    public static var canMakePrintCopies: Bool { PDFConverter.soffice() != nil }
}
