package dlg.web;

/**
 * Which view of a session's graph to draw.
 *
 * @param mode {@code auto} (every drop up to the budget, else groups), {@code drops},
 *     {@code groups} or {@code neighbourhood} (needs {@code focus})
 * @param budget at most this many drops are drawn one by one
 * @param focus the oid at the centre of a neighbourhood, or null
 */
record GraphQuery(String mode, int budget, String focus) {

    static final int DEFAULT_BUDGET = 1000;
    static final int MAX_BUDGET = 5000;

    GraphQuery {
        mode = mode == null || mode.isEmpty() ? (focus == null || focus.isEmpty() ? "auto" : "neighbourhood") : mode;
        if (!java.util.Set.of("auto", "drops", "groups", "neighbourhood").contains(mode)) {
            throw new IllegalArgumentException("mode must be auto, drops, groups or neighbourhood, not " + mode);
        }
        if (budget < 1 || budget > MAX_BUDGET) {
            throw new IllegalArgumentException("budget must be between 1 and " + MAX_BUDGET + ": " + budget);
        }
        if (mode.equals("neighbourhood") && (focus == null || focus.isEmpty())) {
            throw new IllegalArgumentException("a neighbourhood needs a focus drop");
        }
    }
}
