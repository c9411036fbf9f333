/// CODFRelaxNG: RELAX NG validation over libxml2, behind an opaque API (see CODFXML.h for why no libxml2
/// header may be included here).
///
/// A compiled schema is only read while documents are validated: each validation makes its own libxml2
/// validation context, parses its own document and frees both, so one schema may validate documents on
/// several threads at once.
///
/// Security: documents are parsed from memory with XML_PARSE_NONET only (never NOENT, DTDLOAD or DTDVALID),
/// behind the process-wide loader that refuses every external resource, and a document with a document type
/// declaration is refused before it is validated. Schemas are compiled from memory the same way.
#ifndef CODFRELAXNG_H
#define CODFRELAXNG_H

#ifdef __cplusplus
extern "C" {
#endif

/// A compiled RELAX NG schema; create with codfxml_schema_compile, free with codfxml_schema_free.
typedef struct codfxml_schema codfxml_schema;

/// The findings of one validation; free with codfxml_validation_free.
typedef struct codfxml_validation codfxml_validation;

/// How a validation ended (codfxml_validation_status).
typedef enum {
    /// The document is valid against the schema.
    CODFXML_VALID = 0,
    /// The document is well-formed but not valid; the findings say where.
    CODFXML_INVALID = 1,
    /// The document is not well-formed XML; the findings hold the parser's message.
    CODFXML_NOT_WELL_FORMED = 2,
    /// The document has a document type declaration, which is refused.
    CODFXML_REFUSED_DOCTYPE = 3,
    /// libxml2 could not allocate what validation needs.
    CODFXML_NO_MEMORY = 4
} codfxml_validation_status_code;

/// Compiles the RELAX NG schema of `length` bytes at `bytes` (copied by libxml2). Returns NULL when it is not
/// a schema libxml2 can compile; `*error` (when `error` is not NULL) then holds the first message, to be freed
/// with codfxml_string_free.
codfxml_schema *_Nullable codfxml_schema_compile(const char *_Nonnull bytes, int length,
                                                 char *_Nullable *_Nullable error);

/// Frees a schema (NULL is accepted). No validation may be running with it.
void codfxml_schema_free(codfxml_schema *_Nullable schema);

/// Frees a string this API returned (NULL is accepted).
void codfxml_string_free(char *_Nullable string);

/// Parses the document of `length` bytes at `bytes` and validates it against `schema`, keeping at most
/// `max_findings` findings (every one is counted). `url` (may be NULL) names the document in libxml2's
/// messages. Returns NULL only when the findings themselves cannot be allocated.
codfxml_validation *_Nullable codfxml_schema_validate(const codfxml_schema *_Nonnull schema,
                                                      const char *_Nonnull bytes, int length,
                                                      const char *_Nullable url, int max_findings);

/// How the validation ended (codfxml_validation_status_code).
int codfxml_validation_status(const codfxml_validation *_Nonnull validation);

/// How many errors libxml2 reported (kept or not).
int codfxml_validation_count(const codfxml_validation *_Nonnull validation);

/// How many findings were kept (at most the `max_findings` asked for).
int codfxml_validation_kept(const codfxml_validation *_Nonnull validation);

/// The message of kept finding `index` (trimmed), owned by the validation.
const char *_Nonnull codfxml_validation_message(const codfxml_validation *_Nonnull validation, int index);

/// The 1-based line of kept finding `index`, 0 if unknown.
int codfxml_validation_line(const codfxml_validation *_Nonnull validation, int index);

/// The element path of kept finding `index` (e.g. `/office:document-content/office:body/office:text/text:p[3]`),
/// owned by the validation; NULL when libxml2 named no node.
const char *_Nullable codfxml_validation_path(const codfxml_validation *_Nonnull validation, int index);

/// Frees the findings (NULL is accepted).
void codfxml_validation_free(codfxml_validation *_Nullable validation);

#ifdef __cplusplus
}
#endif

#endif /* CODFRELAXNG_H */
