package dlg.web;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which drops of a session to list: a page ({@code offset}, {@code limit}) of those that pass
 * the filter. Empty filters let everything through.
 *
 * @param states shown-state names ({@code error}, {@code not_run}); any of them passes
 * @param node a substring of the drop's node attribute
 * @param name a substring of the drop's name or oid, case-insensitive
 * @param group a construct's group key ({@code lg_key=5}, {@code name=Foo}): its drops exactly
 *     ({@link Groups#member}); a key no drop has lets none through
 */
record DropQuery(long offset, int limit, Set<String> states, String node, String name, String group) {

    static final int MAX_LIMIT = 1000;

    DropQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 0 and " + MAX_LIMIT + ": " + limit);
        }
        states = Set.copyOf(Objects.requireNonNull(states, "states"));
        node = node == null ? "" : node;
        name = name == null ? "" : name.toLowerCase(Locale.ROOT);
        group = group == null ? "" : group;
    }

    /** Without a construct filter. */
    DropQuery(long offset, int limit, Set<String> states, String node, String name) {
        this(offset, limit, states, node, name, null);
    }

    DropQuery withPage(long newOffset, int newLimit) {
        return new DropQuery(newOffset, newLimit, states, node, name, group);
    }
}
