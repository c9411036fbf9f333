// Shared by the C files of CODFXML (not part of its public API).
#ifndef CODFXML_INITIALIZE_H
#define CODFXML_INITIALIZE_H

/// Initialises libxml2 once per process (before any thread uses it) and installs the external entity loader
/// that refuses every resource. Safe to call from any thread, any number of times.
void codfxml_initialize(void);

#endif /* CODFXML_INITIALIZE_H */
