package dlg.manager.rest;

/**
 * What a manager accepts of a request's size (the {@code dlg nm/dim/mm} options of the same
 * names).
 *
 * @param maxRequestSize bytes a JSON or form request may have once decompressed
 *     ({@code --max-request-size}); lists of a session's uids may have more (see
 *     {@link BodyLimit#uidList}), {@code graph/append} has no limit
 * @param maxStringSize characters a single JSON string of a graph may have
 *     ({@code --max-string-size}): a graph of any size is streamed, its values are not
 * @param maxSubscriptionsSize bytes a NodeManager's {@code /subscriptions} body may have
 *     ({@code --max-subscriptions-size})
 */
public record RequestLimits(long maxRequestSize, int maxStringSize, long maxSubscriptionsSize) {

    /** 10 MB requests (DALiuGE's default), 64 MB strings, 256 MB of subscriptions. */
    public static final RequestLimits DEFAULTS = new RequestLimits(10L << 20, 64 << 20, 256L << 20);

    public RequestLimits {
        if (maxRequestSize <= 0 || maxStringSize <= 0 || maxSubscriptionsSize <= 0) {
            throw new IllegalArgumentException("request limits must be positive: " + maxRequestSize + ", "
                    + maxStringSize + ", " + maxSubscriptionsSize);
        }
    }
}
