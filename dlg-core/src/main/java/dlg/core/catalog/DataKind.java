package dlg.core.catalog;

/** Where a data drop keeps its bytes. */
public enum DataKind {
    /** In the heap; released once every consumer has finished (expire-after-use). */
    MEMORY,
    /** A file under the session directory, or at the spec's {@code filepath}. */
    FILE,
    /** POSIX shared memory under /dev/shm; released after use, and when the session ends. */
    SHARED_MEMORY,
    /** Nowhere: writes are discarded, reads are empty. */
    NULL,
    /** Like NULL, and its completion ends the session. */
    END
}
