#include <zip.h>
#include <malloc.h>

/// Keeps zlib's per-stream working memory (about 270 KB at level 9) on the heap instead of fresh `mmap`s
/// (see Sources/ODF/AllocatorTuning.swift). Returns 1 when glibc took both settings.
static inline int ducha_keep_deflate_memory_on_heap(void) {
    return mallopt(M_MMAP_THRESHOLD, 4 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 64 << 20) == 1;
}

/// Gives the pages of freed memory back to the system, in every arena (see Sources/ODF/AllocatorTuning.swift).
static inline void ducha_release_free_memory(void) {
    malloc_trim(0);
}
