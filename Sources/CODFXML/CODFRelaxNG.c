// RELAX NG validation (see include/CODFRelaxNG.h). Like CODFXML.c, this file may include libxml2 headers; no
// header of the target's public API does.
#include "CODFRelaxNG.h"
#include "Initialize.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

/// The longest message or path kept, in bytes (libxml2 quotes names from the document in its messages).
#define CODFXML_MAX_TEXT 600

struct codfxml_schema {
    xmlRelaxNGPtr rng;
};

struct codfxml_finding {
    char *message;
    char *path;
    int line;
};

struct codfxml_validation {
    int status;
    int count;
    int kept;
    int capacity;
    int parsing;  // 1 while the document is parsed, 0 while it is validated
    struct codfxml_finding *findings;
};

/// A malloc'ed copy of at most CODFXML_MAX_TEXT bytes of `text`, without trailing whitespace, cut at a UTF-8
/// character boundary.
static char *codfxml_copy_text(const char *text) {
    size_t length = strlen(text);
    if (length > CODFXML_MAX_TEXT) {
        length = CODFXML_MAX_TEXT;
        while (length > 0 && ((unsigned char)text[length] & 0xC0) == 0x80) {
            length--;
        }
    }
    while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r' || text[length - 1] == ' ')) {
        length--;
    }
    char *copy = malloc(length + 1);
    if (copy != NULL) {
        memcpy(copy, text, length);
        copy[length] = '\0';
    }
    return copy;
}

static void codfxml_keep(struct codfxml_validation *v, const char *message, xmlNodePtr node, int line) {
    v->count++;
    if (v->kept >= v->capacity) {
        return;
    }
    struct codfxml_finding *finding = &v->findings[v->kept];
    finding->message = codfxml_copy_text(message != NULL ? message : "unknown error");
    if (finding->message == NULL) {
        return;
    }
    finding->path = NULL;
    finding->line = line > 0 ? line : 0;
    if (node != NULL) {
        long node_line = xmlGetLineNo(node);
        if (node_line > 0) {
            finding->line = node_line > 0x7FFFFFFF ? 0x7FFFFFFF : (int)node_line;
        }
        xmlChar *path = xmlGetNodePath(node);
        if (path != NULL) {
            finding->path = codfxml_copy_text((const char *)path);
            xmlFree(path);
        }
    }
    v->kept++;
}

// Every message libxml2 raises on this thread while a document is parsed and validated comes here (the parser,
// the RELAX NG validator, and the ID/IDREF check it ends with).
static void codfxml_validation_error(void *data, xmlErrorPtr error) {
    struct codfxml_validation *v = data;
    if (v == NULL || error == NULL || error->level < XML_ERR_ERROR) {
        return;
    }
    if (v->parsing && v->count > 0) {
        return;  // the first message of a document that is not well-formed says why; the rest follow from it
    }
    xmlNodePtr node = v->parsing ? NULL : (xmlNodePtr)error->node;
    codfxml_keep(v, error->message, node, error->line);
}

static void codfxml_schema_error(void *data, xmlErrorPtr error) {
    char **first = data;
    if (first == NULL || *first != NULL || error == NULL || error->level < XML_ERR_ERROR) {
        return;
    }
    *first = codfxml_copy_text(error->message != NULL ? error->message : "unknown error");
}

codfxml_schema *codfxml_schema_compile(const char *bytes, int length, char **error) {
    codfxml_initialize();
    char *first = NULL;
    xmlStructuredErrorFunc saved = xmlStructuredError;
    void *saved_context = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(&first, codfxml_schema_error);
    xmlRelaxNGPtr rng = NULL;
    xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewMemParserCtxt(bytes, length);
    if (parser != NULL) {
        xmlRelaxNGSetParserStructuredErrors(parser, codfxml_schema_error, &first);
        rng = xmlRelaxNGParse(parser);
        xmlRelaxNGFreeParserCtxt(parser);
    }
    xmlSetStructuredErrorFunc(saved_context, saved);
    struct codfxml_schema *schema = rng != NULL ? calloc(1, sizeof *schema) : NULL;
    if (schema == NULL) {
        if (rng != NULL) {
            xmlRelaxNGFree(rng);
        } else if (first == NULL) {
            first = codfxml_copy_text(parser == NULL ? "out of memory" : "not a RELAX NG schema");
        }
        if (error != NULL) {
            *error = first;
        } else {
            free(first);
        }
        return NULL;
    }
    free(first);
    schema->rng = rng;
    return schema;
}

void codfxml_schema_free(codfxml_schema *schema) {
    if (schema == NULL) {
        return;
    }
    xmlRelaxNGFree(schema->rng);
    free(schema);
}

void codfxml_string_free(char *string) { free(string); }

codfxml_validation *codfxml_schema_validate(const codfxml_schema *schema, const char *bytes, int length,
                                            const char *url, int max_findings) {
    codfxml_initialize();
    struct codfxml_validation *v = calloc(1, sizeof *v);
    if (v == NULL) {
        return NULL;
    }
    v->capacity = max_findings > 0 ? max_findings : 1;
    v->findings = calloc((size_t)v->capacity, sizeof *v->findings);
    if (v->findings == NULL) {
        free(v);
        return NULL;
    }
    // The handler is this thread's own (libxml2 keeps its error state per thread), so validations on other
    // threads neither see nor disturb it.
    xmlStructuredErrorFunc saved = xmlStructuredError;
    void *saved_context = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(v, codfxml_validation_error);
    v->parsing = 1;
    // XML_PARSE_NONET: no network. Deliberately NOT XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR,
    // XML_PARSE_DTDVALID or XML_PARSE_HUGE. XML_PARSE_BIG_LINES: lines past 65535 are still told right.
    xmlDocPtr doc = xmlReadMemory(bytes, length, url, NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    v->parsing = 0;
    if (doc == NULL) {
        v->status = v->count > 0 ? CODFXML_NOT_WELL_FORMED : CODFXML_NO_MEMORY;
    } else if (doc->intSubset != NULL || doc->extSubset != NULL) {
        v->status = CODFXML_REFUSED_DOCTYPE;
    } else if (v->count > 0) {
        v->status = CODFXML_NOT_WELL_FORMED;
    } else {
        xmlRelaxNGValidCtxtPtr context = xmlRelaxNGNewValidCtxt(schema->rng);
        if (context == NULL) {
            v->status = CODFXML_NO_MEMORY;
        } else {
            xmlRelaxNGSetValidStructuredErrors(context, codfxml_validation_error, v);
            int result = xmlRelaxNGValidateDoc(context, doc);
            xmlRelaxNGFreeValidCtxt(context);
            if (result == 0) {
                v->status = CODFXML_VALID;
            } else {
                v->status = CODFXML_INVALID;
                if (v->count == 0) {
                    codfxml_keep(v, result < 0 ? "internal error of the validator" : "document is not valid", NULL,
                                 0);
                }
            }
        }
    }
    xmlFreeDoc(doc);
    xmlSetStructuredErrorFunc(saved_context, saved);
    return v;
}

int codfxml_validation_status(const codfxml_validation *v) { return v->status; }

int codfxml_validation_count(const codfxml_validation *v) { return v->count; }

int codfxml_validation_kept(const codfxml_validation *v) { return v->kept; }

const char *codfxml_validation_message(const codfxml_validation *v, int index) {
    return index >= 0 && index < v->kept ? v->findings[index].message : "";
}

int codfxml_validation_line(const codfxml_validation *v, int index) {
    return index >= 0 && index < v->kept ? v->findings[index].line : 0;
}

const char *codfxml_validation_path(const codfxml_validation *v, int index) {
    return index >= 0 && index < v->kept ? v->findings[index].path : NULL;
}

void codfxml_validation_free(codfxml_validation *v) {
    if (v == NULL) {
        return;
    }
    for (int i = 0; i < v->kept; i++) {
        free(v->findings[i].message);
        free(v->findings[i].path);
    }
    free(v->findings);
    free(v);
}
