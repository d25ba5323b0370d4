package dlg.web;

import java.util.Arrays;

/**
 * Which bars a timeline shows when more applications ran than it may show: a sample that
 * represents the whole session, not its tail. In this order, within {@code limit}:
 * <ol>
 *   <li>every failed bar (when there are more than {@code limit}, a stratified sample of them);</li>
 *   <li>the first bar to start and the last to end, so the sample spans the session as its bars do;</li>
 *   <li>the {@link #longestOf(int) longest} of the others (the slow, critical ones);</li>
 *   <li>the rest of the budget stratified by start time: the session's span is cut into as many
 *       slots as there is budget left, and each slot that has bars gives the same number of them,
 *       its longest first (one, or more when slots are empty), so the first and last slots are represented and a
 *       busy hour cannot crowd out a quiet one.</li>
 * </ol>
 * The rule is applied again by a composite to the union of its nodes' samples (same shape in and
 * out): a failure, the first or last bar, or one of the longest bars of the whole session is in
 * its node's sample, so it survives every level. Works on primitive arrays: no object per bar before the choice.
 */
final class TimelineSample {

    private TimelineSample() {
    }

    /** How many of the longest bars a sample of {@code limit} always keeps. */
    static int longestOf(int limit) {
        return Math.max(1, limit / 10);
    }

    /**
     * The chosen bars, by position, in order of start (then position).
     *
     * @param start each bar's start, epoch ms
     * @param duration each bar's duration in ms (to now while it runs)
     * @param failed whether each bar failed
     * @param t0 the session's start: where the first slot starts
     * @param t1 the session's end (or now): where the last slot ends
     */
    static int[] choose(long[] start, long[] duration, boolean[] failed, long t0, long t1, int limit) {
        int n = start.length;
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        if (duration.length != n || failed.length != n) {
            throw new IllegalArgumentException("start, duration and failed differ in length: " + n + ", "
                    + duration.length + ", " + failed.length);
        }
        boolean[] chosen = new boolean[n];
        if (n <= limit) {
            Arrays.fill(chosen, true);
        } else {
            int failures = 0;
            for (boolean f : failed) {
                failures += f ? 1 : 0;
            }
            if (failures > limit) {
                stratify(start, duration, failed, chosen, t0, t1, limit);
            } else {
                for (int k = 0; k < n; k++) {
                    chosen[k] = failed[k];
                }
                int count = failures;
                count += ends(start, duration, chosen, limit - count);
                count += longest(duration, chosen, Math.min(longestOf(limit), limit - count));
                boolean[] rest = new boolean[n];
                for (int k = 0; k < n; k++) {
                    rest[k] = !chosen[k];
                }
                stratify(start, duration, rest, chosen, t0, t1, limit - count);
            }
        }
        return byStart(start, chosen);
    }

    /**
     * Marks the first bar to start and the last to end, when not chosen yet and within {@code room}:
     * the sample spans the session as its bars do. Returns how many it marked.
     */
    private static int ends(long[] start, long[] duration, boolean[] chosen, int room) {
        int first = 0;
        int last = 0;
        for (int p = 1; p < start.length; p++) {
            first = start[p] < start[first] ? p : first;
            last = start[p] + duration[p] > start[last] + duration[last] ? p : last;
        }
        int marked = 0;
        for (int p : new int[] {first, last}) {
            if (start.length > 0 && !chosen[p] && marked < room) {
                chosen[p] = true;
                marked++;
            }
        }
        return marked;
    }

    /** Marks the {@code k} longest bars not yet chosen (ties: the earlier position); returns how many. */
    private static int longest(long[] duration, boolean[] chosen, int k) {
        if (k <= 0) {
            return 0;
        }
        // a min-heap of positions by duration: the k longest seen so far
        int[] heap = new int[k];
        int size = 0;
        for (int p = 0; p < duration.length; p++) {
            if (chosen[p]) {
                continue;
            }
            if (size < k) {
                heap[size] = p;
                up(heap, size++, duration);
            } else if (longer(p, heap[0], duration)) {
                heap[0] = p;
                down(heap, size, duration);
            }
        }
        for (int i = 0; i < size; i++) {
            chosen[heap[i]] = true;
        }
        return size;
    }

    private static boolean longer(int a, int b, long[] duration) {
        return duration[a] > duration[b] || duration[a] == duration[b] && a < b;
    }

    private static void up(int[] heap, int i, long[] d) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!longer(heap[parent], heap[i], d)) {
                return;
            }
            swap(heap, parent, i);
            i = parent;
        }
    }

    private static void down(int[] heap, int size, long[] d) {
        int i = 0;
        while (true) {
            int least = i;
            for (int c = 2 * i + 1; c <= 2 * i + 2 && c < size; c++) {
                if (longer(heap[least], heap[c], d)) {
                    least = c;
                }
            }
            if (least == i) {
                return;
            }
            swap(heap, least, i);
            i = least;
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /**
     * Marks at most {@code budget} of the candidates, the same number from each slot of [t0, t1]
     * that has candidates, its longest first (a slot with fewer gives all it has; when not all can
     * give one more, the slots that do are spread evenly over the span). Returns how many it marked.
     */
    static int stratify(long[] start, long[] duration, boolean[] candidate, boolean[] chosen, long t0, long t1, int budget) {
        if (budget <= 0) {
            return 0;
        }
        int slots = budget;
        int[] count = new int[slots];
        int candidates = 0;
        int most = 0;
        for (int p = 0; p < start.length; p++) {
            if (candidate[p]) {
                int s = slot(start[p], t0, t1, slots);
                most = Math.max(most, ++count[s]);
                candidates++;
            }
        }
        if (candidates <= budget) {
            for (int p = 0; p < start.length; p++) {
                chosen[p] |= candidate[p];
            }
            return candidates;
        }
        // the deepest level every slot can give in full: sum of min(count, depth) <= budget
        int lo = 0;
        int hi = most;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (given(count, mid) <= budget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int depth = lo;
        long left = budget - given(count, depth);
        boolean[] oneMore = new boolean[slots];
        int able = 0;
        for (int c : count) {
            able += c > depth ? 1 : 0;
        }
        for (int s = 0, j = 0; s < slots; s++) { // `left` of the `able` slots, evenly spread
            if (count[s] > depth) {
                oneMore[s] = (j + 1) * left / able > j * left / able;
                j++;
            }
        }
        // each slot gives its longest bar first (where the time of that stretch went; ties: the
        // earlier start), then the others in order of position
        int[] longest = new int[slots];
        Arrays.fill(longest, -1);
        for (int p = 0; p < start.length; p++) {
            if (candidate[p]) {
                int s = slot(start[p], t0, t1, slots);
                int l = longest[s];
                if (l < 0 || duration[p] > duration[l] || duration[p] == duration[l] && start[p] < start[l]) {
                    longest[s] = p;
                }
            }
        }
        int[] taken = new int[slots];
        int marked = 0;
        for (int s = 0; s < slots; s++) {
            if (longest[s] >= 0 && (depth > 0 || oneMore[s])) {
                chosen[longest[s]] = true;
                taken[s]++;
                marked++;
            }
        }
        for (int p = 0; p < start.length; p++) {
            if (candidate[p] && !chosen[p]) {
                int s = slot(start[p], t0, t1, slots);
                if (taken[s] < depth || taken[s] == depth && oneMore[s]) {
                    taken[s]++;
                    chosen[p] = true;
                    marked++;
                }
            }
        }
        return marked;
    }

    private static long given(int[] count, int depth) {
        long sum = 0;
        for (int c : count) {
            sum += Math.min(c, depth);
        }
        return sum;
    }

    /** The slot of a start in [t0, t1] cut into {@code slots}; a start outside goes to the nearest end. */
    static int slot(long start, long t0, long t1, int slots) {
        long span = Math.max(1, t1 - t0 + 1);
        long at = Math.min(Math.max(start - t0, 0), span - 1);
        return (int) (at * slots / span); // at < span: below slots; no overflow for spans under 2^46 ms
    }

    private static int[] byStart(long[] start, boolean[] chosen) {
        int count = 0;
        for (boolean c : chosen) {
            count += c ? 1 : 0;
        }
        Integer[] order = new Integer[count]; // at most limit: boxing here is bounded
        for (int p = 0, i = 0; p < start.length; p++) {
            if (chosen[p]) {
                order[i++] = p;
            }
        }
        Arrays.sort(order, (a, b) -> start[a] != start[b] ? Long.compare(start[a], start[b]) : Integer.compare(a, b));
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
