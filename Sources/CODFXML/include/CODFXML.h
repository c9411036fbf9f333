/// CODFXML: an opaque streaming XML reader over libxml2's xmlTextReader.
///
/// This header deliberately includes no libxml2 header: on Swift 6.3.1 + Debian, a Swift
/// module that imports Foundation and sees libxml2's headers fails to build (ICU module
/// clash). Every libxml2 call, and every xmlFree, happens in this target's C files (CODFXML.c, and
/// CODFRelaxNG.c for RELAX NG validation, see CODFRelaxNG.h).
///
/// Security: the reader is opened with XML_PARSE_NONET only (never NOENT or DTDLOAD), and a
/// process-wide external entity loader that refuses every resource is installed once.
/// Callers must additionally refuse CODFXML_NODE_DOCTYPE and CODFXML_NODE_ENTITY_REF.
#ifndef CODFXML_H
#define CODFXML_H

#include <stddef.h>

// The module's other header (this one is its umbrella): RELAX NG validation.
#include "CODFRelaxNG.h"

#ifdef __cplusplus
extern "C" {
#endif

/// An opaque streaming reader; create with codfxml_reader_open_memory, free with codfxml_reader_free.
typedef struct codfxml_reader codfxml_reader;

/// Node kinds reported by codfxml_reader_node_type.
typedef enum {
    CODFXML_NODE_OTHER = 0,
    CODFXML_NODE_ELEMENT_START = 1,
    CODFXML_NODE_ELEMENT_END = 2,
    CODFXML_NODE_TEXT = 3,
    CODFXML_NODE_CDATA = 4,
    CODFXML_NODE_WHITESPACE = 5,
    CODFXML_NODE_SIGNIFICANT_WHITESPACE = 6,
    CODFXML_NODE_COMMENT = 7,
    CODFXML_NODE_PROCESSING_INSTRUCTION = 8,
    CODFXML_NODE_DOCTYPE = 9,
    CODFXML_NODE_ENTITY_REF = 10
} codfxml_node_type;

/// Opens a reader over `length` bytes at `bytes`. The bytes are NOT copied: they must stay
/// valid and unchanged until codfxml_reader_free. `url` (may be NULL) names the document in
/// libxml2's own messages. Returns NULL when libxml2 cannot allocate the reader.
codfxml_reader *_Nullable codfxml_reader_open_memory(const char *_Nonnull bytes, int length,
                                                      const char *_Nullable url);

/// Frees the reader and everything it owns (NULL is accepted).
void codfxml_reader_free(codfxml_reader *_Nullable reader);

/// Advances to the next node: 1 = a node is current, 0 = end of document, -1 = error
/// (see codfxml_reader_error_message).
int codfxml_reader_next(codfxml_reader *_Nonnull reader);

/// The current node's kind (codfxml_node_type).
int codfxml_reader_node_type(codfxml_reader *_Nonnull reader);

/// The qualified name as written ("text:p", "xmlns:text"); owned by the reader, valid until the
/// next call that moves the reader. NULL if none.
const char *_Nullable codfxml_reader_name(codfxml_reader *_Nonnull reader);

/// The decoded value of the current text/CDATA/whitespace/attribute node; owned by the
/// reader, valid until the next call that moves the reader. NULL if none.
const char *_Nullable codfxml_reader_value(codfxml_reader *_Nonnull reader);

/// 1 if the current element start tag is an empty element (`<a/>`), else 0.
int codfxml_reader_is_empty_element(codfxml_reader *_Nonnull reader);

/// Moves to the next attribute of the current element (the first one on the first call),
/// including namespace declarations (xmlns, xmlns:x). libxml2 lists the namespace
/// declarations first, then the other attributes, each group in document order.
/// Returns 1 if positioned on an attribute, 0 when there are no more, -1 on error.
int codfxml_reader_next_attribute(codfxml_reader *_Nonnull reader);

/// Moves back from an attribute to its element. Returns 1 on success, 0 if not on an attribute.
int codfxml_reader_move_to_element(codfxml_reader *_Nonnull reader);

/// The 1-based line of the current node (0 if unknown).
int codfxml_reader_line(codfxml_reader *_Nonnull reader);

/// libxml2's message for the first error reported while parsing (trimmed), or NULL if none.
/// Owned by the reader.
const char *_Nullable codfxml_reader_error_message(codfxml_reader *_Nonnull reader);

/// The 1-based line of the first reported error (0 if unknown or none).
int codfxml_reader_error_line(codfxml_reader *_Nonnull reader);

#ifdef __cplusplus
}
#endif

#endif /* CODFXML_H */
