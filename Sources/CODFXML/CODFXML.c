// The streaming reader (see include/CODFXML.h). The C files of this target are the only ones of Ducha that
// include libxml2 headers.
#include "CODFXML.h"
#include "Initialize.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct codfxml_reader {
    xmlTextReaderPtr reader;
    char *error_message;  // malloc'ed copy of the first error's text
    int error_line;
};

static pthread_once_t codfxml_once = PTHREAD_ONCE_INIT;

// Refuses every external resource (DTDs, external entities). Ducha never loads any; this is a
// second line of defence behind "no NOENT, no DTDLOAD, refuse DOCTYPE".
static xmlParserInputPtr codfxml_refuse_external(const char *url, const char *id,
                                                 xmlParserCtxtPtr ctxt) {
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static void codfxml_init_once(void) {
    xmlInitParser();
    xmlRelaxNGInitTypes();
    xmlSetExternalEntityLoader(codfxml_refuse_external);
}

void codfxml_initialize(void) { pthread_once(&codfxml_once, codfxml_init_once); }

static void codfxml_error_handler(void *arg, xmlErrorPtr error) {
    struct codfxml_reader *r = arg;
    if (r == NULL || error == NULL || error->level < XML_ERR_ERROR || r->error_message != NULL) {
        return;
    }
    const char *message = error->message != NULL ? error->message : "unknown error";
    size_t length = strlen(message);
    while (length > 0 && (message[length - 1] == '\n' || message[length - 1] == '\r' ||
                          message[length - 1] == ' ')) {
        length--;
    }
    char *copy = malloc(length + 1);
    if (copy == NULL) {
        return;
    }
    memcpy(copy, message, length);
    copy[length] = '\0';
    r->error_message = copy;
    r->error_line = error->line;
}

codfxml_reader *codfxml_reader_open_memory(const char *bytes, int length, const char *url) {
    codfxml_initialize();
    struct codfxml_reader *r = calloc(1, sizeof *r);
    if (r == NULL) {
        return NULL;
    }
    // XML_PARSE_NONET: no network. Deliberately NOT XML_PARSE_NOENT, XML_PARSE_DTDLOAD,
    // XML_PARSE_DTDATTR, XML_PARSE_DTDVALID or XML_PARSE_HUGE. CDATA stays a node type.
    r->reader = xmlReaderForMemory(bytes, length, url, NULL, XML_PARSE_NONET);
    if (r->reader == NULL) {
        free(r);
        return NULL;
    }
    xmlTextReaderSetStructuredErrorHandler(r->reader, codfxml_error_handler, r);
    return r;
}

void codfxml_reader_free(codfxml_reader *r) {
    if (r == NULL) {
        return;
    }
    xmlFreeTextReader(r->reader);
    free(r->error_message);
    free(r);
}

int codfxml_reader_next(codfxml_reader *r) {
    int status = xmlTextReaderRead(r->reader);
    if (status < 0) {
        return -1;
    }
    // A fatal error may have been reported while the reader still returns a node.
    if (r->error_message != NULL) {
        return -1;
    }
    return status;
}

int codfxml_reader_node_type(codfxml_reader *r) {
    switch (xmlTextReaderNodeType(r->reader)) {
    case XML_READER_TYPE_ELEMENT:
        return CODFXML_NODE_ELEMENT_START;
    case XML_READER_TYPE_END_ELEMENT:
        return CODFXML_NODE_ELEMENT_END;
    case XML_READER_TYPE_TEXT:
        return CODFXML_NODE_TEXT;
    case XML_READER_TYPE_CDATA:
        return CODFXML_NODE_CDATA;
    case XML_READER_TYPE_WHITESPACE:
        return CODFXML_NODE_WHITESPACE;
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        return CODFXML_NODE_SIGNIFICANT_WHITESPACE;
    case XML_READER_TYPE_COMMENT:
        return CODFXML_NODE_COMMENT;
    case XML_READER_TYPE_PROCESSING_INSTRUCTION:
        return CODFXML_NODE_PROCESSING_INSTRUCTION;
    case XML_READER_TYPE_DOCUMENT_TYPE:
        return CODFXML_NODE_DOCTYPE;
    case XML_READER_TYPE_ENTITY_REFERENCE:
    case XML_READER_TYPE_ENTITY:
    case XML_READER_TYPE_END_ENTITY:
        return CODFXML_NODE_ENTITY_REF;
    default:
        return CODFXML_NODE_OTHER;
    }
}

const char *codfxml_reader_name(codfxml_reader *r) {
    return (const char *)xmlTextReaderConstName(r->reader);
}

const char *codfxml_reader_value(codfxml_reader *r) {
    return (const char *)xmlTextReaderConstValue(r->reader);
}

int codfxml_reader_is_empty_element(codfxml_reader *r) {
    return xmlTextReaderIsEmptyElement(r->reader) == 1 ? 1 : 0;
}

int codfxml_reader_next_attribute(codfxml_reader *r) {
    return xmlTextReaderMoveToNextAttribute(r->reader);
}

int codfxml_reader_move_to_element(codfxml_reader *r) {
    return xmlTextReaderMoveToElement(r->reader);
}

int codfxml_reader_line(codfxml_reader *r) {
    xmlNodePtr node = xmlTextReaderCurrentNode(r->reader);
    long line = node != NULL ? xmlGetLineNo(node) : -1;
    if (line <= 0) {
        line = xmlTextReaderGetParserLineNumber(r->reader);
    }
    return line > 0 ? (int)line : 0;
}

const char *codfxml_reader_error_message(codfxml_reader *r) {
    return r->error_message;
}

int codfxml_reader_error_line(codfxml_reader *r) {
    return r->error_line > 0 ? r->error_line : 0;
}
