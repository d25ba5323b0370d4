package dlg.web;

import dlg.core.graph.DropSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The drop list of a node that cannot answer (down, or lost by the session), made from the drops
 * the composite sent it: each in ERROR with why, filtered and paged as the node would have
 * ({@link DropPaging}), so that the composite's table still has every drop of the session.
 */
final class LostDrops {

    private LostDrops() {
    }

    static DropPage page(List<DropSpec> drops, String why, DropQuery q) {
        boolean errorsShown = q.states().isEmpty() || q.states().contains(ShownState.ERROR.wireName());
        List<DropLine> page = new ArrayList<>(Math.min(q.limit(), 256));
        long matched = 0;
        // the node's groups are unknown here: the key is matched on the drop's own attribute
        IntPredicate member = q.group().isEmpty() ? i -> true
                : Groups.member(new LostDropTable(drops, why), null, q.group());
        int i = -1;
        for (DropSpec d : errorsShown ? drops : List.<DropSpec>of()) {
            i++;
            if (member.test(i) && passes(d, q)) {
                if (matched >= q.offset() && page.size() < q.limit()) {
                    page.add(new DropLine(d.oid(), d.displayName(), d.category().isApplication(), d.dropClass(), d.node(),
                            null, ShownState.ERROR.wireName(), true, why));
                }
                matched++;
            }
        }
        return new DropPage(drops.size(), matched, matched, q.offset(), page);
    }

    private static boolean passes(DropSpec d, DropQuery q) {
        if (!q.node().isEmpty() && (d.node() == null || !d.node().contains(q.node()))) {
            return false;
        }
        return q.name().isEmpty() || DropPaging.containsIgnoreCase(d.displayName(), q.name())
                || DropPaging.containsIgnoreCase(d.oid(), q.name());
    }
}
