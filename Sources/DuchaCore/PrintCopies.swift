import Rendering

extension Workspace {
    /// Converts documents to PDF print copies in `directory` through LibreOffice, with the office's font
    /// aliases.
    /// - Returns: the PDFs' paths, in the order of `paths`.
    public func printCopies(of paths: [String], into directory: String) throws -> [String] {
        guard !paths.isEmpty else { return [] }
        try Files.makeFolder(directory)
        return try PDFConverter.convert(paths, outputDirectory: directory, fontAliases: fontAliases)
    }
}
