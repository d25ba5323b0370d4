package dlg.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Pages a session's drops for the list view: those in error first (where a user looks first),
 * then the others, each in graph order. Two passes over the drops, no sorting, no copy of the
 * graph: a page of 100,000 drops is a few milliseconds.
 */
final class DropPaging {

    private DropPaging() {
    }

    static DropPage page(DropTable drops, DropQuery q, Groups groups) {
        int n = drops.size();
        long matched = 0;
        long failed = 0;
        IntPredicate member = Groups.member(drops, groups, q.group()); // resolved once, not per drop
        for (int i = 0; i < n; i++) {
            if (member.test(i) && passes(drops, i, q)) {
                matched++;
                if (drops.state(i) == ShownState.ERROR) {
                    failed++;
                }
            }
        }
        List<DropLine> page = new ArrayList<>(Math.min(q.limit(), 256));
        long skip = q.offset();
        for (int pass = 0; pass < 2 && page.size() < q.limit(); pass++) {
            boolean errors = pass == 0;
            for (int i = 0; i < n && page.size() < q.limit(); i++) {
                if ((drops.state(i) == ShownState.ERROR) == errors && member.test(i) && passes(drops, i, q)) {
                    if (skip > 0) {
                        skip--;
                    } else {
                        page.add(line(drops, i, groups));
                    }
                }
            }
        }
        return new DropPage(n, matched, failed, q.offset(), page);
    }

    static DropLine line(DropTable drops, int i, Groups groups) {
        ShownState s = drops.state(i);
        return new DropLine(drops.oid(i), drops.name(i), drops.isApp(i), drops.dropClass(i), drops.node(i),
                groups == null ? null : groups.keys().get(groups.groupOf()[i]), s.wireName(), s.isTerminal(),
                s == ShownState.ERROR ? drops.error(i) : null);
    }

    static boolean passes(DropTable drops, int i, DropQuery q) {
        if (!q.states().isEmpty() && !q.states().contains(drops.state(i).wireName())) {
            return false;
        }
        if (!q.node().isEmpty()) {
            String node = drops.node(i);
            if (node == null || !node.contains(q.node())) {
                return false;
            }
        }
        return q.name().isEmpty() || containsIgnoreCase(drops.name(i), q.name())
                || containsIgnoreCase(drops.oid(i), q.name());
    }

    /** {@code needle} is lower case already. */
    static boolean containsIgnoreCase(String hay, String needle) {
        int last = hay.length() - needle.length();
        for (int k = 0; k <= last; k++) {
            if (hay.regionMatches(true, k, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }
}
