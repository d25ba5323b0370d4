package dlg.web;

import java.util.Arrays;

/**
 * What changed in one session's drops since the last look: each {@link #tick()} reads every
 * drop's state (one byte each, kept from the tick before) and reports the drops whose state moved,
 * the per-state counts and the counts of the groups that moved. O(drops) per tick and no object
 * per drop: 100,000 drops take well under a millisecond, 3 million a few.
 *
 * <p>Reads the drops without any lock or hook on the engine: a state seen a tick late is seen at
 * the next. Not thread-safe: one thread ticks it.
 */
final class StateTracker {

    /** What one tick found. */
    record Delta(int[] changed, int changedCount, boolean truncated, int[] changedGroups) {
        boolean isEmpty() {
            return changedCount == 0 && changedGroups.length == 0;
        }
    }

    private final DropTable drops;
    private final Groups groups;
    private final byte[] shown;
    private final long[] counts = new long[ShownState.count()];
    private final long[][] groupCounts;

    /** Takes the first look: the counts are those of now. */
    StateTracker(DropTable drops, Groups groups) {
        this.drops = drops;
        this.groups = groups;
        this.shown = new byte[drops.size()];
        this.groupCounts = new long[groups.size()][ShownState.count()];
        for (int i = 0; i < shown.length; i++) {
            int s = drops.state(i).ordinal();
            shown[i] = (byte) s;
            counts[s]++;
            groupCounts[groups.groupOf()[i]][s]++;
        }
    }

    DropTable drops() {
        return drops;
    }

    Groups groups() {
        return groups;
    }

    /**
     * Looks again.
     *
     * @param maxChanges at most this many changed drops are listed; past it the delta says it is
     *     truncated (the counts are always complete)
     */
    Delta tick(int maxChanges) {
        int[] changed = new int[Math.min(maxChanges, 64)];
        int n = 0;
        boolean truncated = false;
        boolean[] groupMoved = null;
        int movedGroups = 0;
        int[] groupOf = groups.groupOf();
        for (int i = 0; i < shown.length; i++) {
            int now = drops.state(i).ordinal();
            int before = shown[i];
            if (now == before) {
                continue;
            }
            shown[i] = (byte) now;
            counts[before]--;
            counts[now]++;
            long[] g = groupCounts[groupOf[i]];
            g[before]--;
            g[now]++;
            if (groupMoved == null) {
                groupMoved = new boolean[groupCounts.length];
            }
            if (!groupMoved[groupOf[i]]) {
                groupMoved[groupOf[i]] = true;
                movedGroups++;
            }
            if (n < maxChanges) {
                if (n == changed.length) {
                    changed = Arrays.copyOf(changed, Math.min(maxChanges, n * 2));
                }
                changed[n++] = i;
            } else {
                truncated = true;
            }
        }
        int[] moved = new int[movedGroups];
        for (int g = 0, k = 0; k < movedGroups; g++) {
            if (groupMoved[g]) {
                moved[k++] = g;
            }
        }
        return new Delta(changed, n, truncated, moved);
    }

    ShownState shown(int i) {
        return ShownState.ofOrdinal(shown[i]);
    }

    /** Drops per state, indexed by {@link ShownState#ordinal()}. */
    long[] counts() {
        return counts.clone();
    }

    long[] groupCounts(int group) {
        return groupCounts[group].clone();
    }
}
