package dlg.manager.repro;

/**
 * Digests of data drops' contents, for the modes that cover {@link ReproMode.Aspect#CONTENT}
 * (REPRODUCE and the REPLICATE_* modes). DALiuGE's data drops hash their bytes when they complete;
 * whoever still has the data (the engine, at completion) supplies them here.
 */
@FunctionalInterface
public interface ContentDigests {

    /** No content known: the content modes then cover data drops by their state alone. */
    ContentDigests NONE = drop -> null;

    /**
     * @param drop the data drop's index in the graph's order
     * @return a digest of its content (any stable text, e.g. hex), or null when unknown
     */
    String digest(int drop);
}
