import CLibZip

/// Keeps zlib's working memory out of `mmap`. Every deflate stream (level 9: about 270 KB of window, hash chains
/// and buffers) is above glibc's default `mmap` threshold, so each zip entry mapped fresh pages and unmapped them
/// again; with several threads the unmapping's TLB shootdowns serialised them, and one thread spent as much time
/// zeroing new pages as deflating. With the threshold fixed at 4 MiB (and freed memory kept up to 64 MiB), the
/// same chunks are reused from the heap. Set once, before the first package is written.
enum AllocatorTuning {
    static let applied: Bool = ducha_keep_deflate_memory_on_heap() == 1
}
