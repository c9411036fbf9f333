import CLibZip

/// Keeps zlib's working memory out of `mmap`. Every deflate stream (level 9: about 270 KB of window, hash chains
/// and buffers) is above glibc's default `mmap` threshold, so each zip entry mapped fresh pages and unmapped them
/// again; with several threads the unmapping's TLB shootdowns serialised them, and one thread spent as much time
/// zeroing new pages as deflating. With the threshold fixed at 4 MiB (and freed memory kept up to 64 MiB), the
/// same chunks are reused from the heap. Set once, before the first package is written.
public enum AllocatorTuning {
    static let applied: Bool = ducha_keep_deflate_memory_on_heap() == 1

    /// Gives the pages of memory freed so far back to the system (glibc's `malloc_trim`): with freed memory kept,
    /// a long run would otherwise hold, to its end, the most any of its stages ever needed at once. Called between
    /// the stages of a long run; costs a walk over the free chunks, a few milliseconds.
    public static func releaseFreeMemory() { ducha_release_free_memory() }
}
