package dlg.manager.rest;

/**
 * How many bytes a request body may have once decompressed, and what sets that limit (the 413
 * names it).
 *
 * @param bytes the largest body accepted
 * @param setBy the option or rule it comes from, as the 413 shows it
 */
record BodyLimit(long bytes, String setBy) {

    /**
     * The most a uid's character can take in a list: a 3-byte UTF-8 character %-encoded in
     * deploy's form (a JSON escape takes 6).
     */
    static final int BYTES_PER_UID_CHAR = 9;
    /** What a uid in a list takes besides its characters: quotes, a separator, some white space. */
    static final int BYTES_PER_UID = 16;

    static BodyLimit maxRequestSize(long bytes) {
        return new BodyLimit(bytes, "--max-request-size");
    }

    /**
     * The limit of a body that lists drops of a session by uid (deploy's {@code completed},
     * trigger's list): such a list grows with the graph (triggering 1,000,000 roots takes some
     * 30 MB of JSON), so {@code --max-request-size} alone would refuse real use, while a large
     * fixed limit would let a compression bomb inflate that much on any session. Adding what
     * naming each of the session's own drops once can take lets every real list through and
     * keeps a small session's limit small.
     *
     * @param drops how many drops the session has (in all its parts, for a composite)
     * @param chars the characters of all their uids
     */
    static BodyLimit uidList(long maxRequestSize, String sessionId, long drops, long chars) {
        long bytes = maxRequestSize + BYTES_PER_UID_CHAR * chars + BYTES_PER_UID * drops;
        return new BodyLimit(bytes, "--max-request-size plus " + BYTES_PER_UID_CHAR + " bytes per character and "
                + BYTES_PER_UID + " per uid of the " + drops + " drops of session " + sessionId);
    }
}
