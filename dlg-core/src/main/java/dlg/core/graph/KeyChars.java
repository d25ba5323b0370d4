package dlg.core.graph;

import java.util.Arrays;

/**
 * The characters of many short keys (a graph's uids), one key after the other in one block, in
 * the order they were added. Comparing a key here reads a few bytes next to the last key compared,
 * where comparing its String reads an object the collector may have moved anywhere in the heap:
 * the lookups of a million roots in graph order, every guess right, took 0.2 s in one /trigger and
 * 1.5 s in another, the same comparisons with the Strings taking 20 times the samples (JFR,
 * 2026-12-07); with this block the whole call took 0.18 to 0.41 s in 6 runs.
 *
 * <p>Keys are held as Latin-1 bytes; a key with a character beyond Latin-1 is not held, and
 * {@link #matches} says so, for the caller to compare its String instead.
 */
final class KeyChars {

    /** Key i ends at ends[i] (it starts where key i - 1 ends); ~end for a key not held. */
    private int[] ends = new int[0];
    private byte[] bytes = new byte[0];
    private int size;
    private int used;

    /** Makes room for {@code more} keys of {@code moreChars} characters in all. */
    void ensureCapacity(int more, long moreChars) {
        if (size + more > ends.length) { // by half again at least: add() alone must not copy per key
            ends = Arrays.copyOf(ends, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(size + more, ends.length * 3L / 2)));
        }
        long need = used + moreChars;
        if (need > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, bytes.length * 3L / 2)));
        }
    }

    void add(String key) {
        int n = key.length();
        ensureCapacity(1, n);
        int at = used;
        for (int k = 0; k < n; k++) {
            char c = key.charAt(k);
            if (c > 0xFF) {
                ends[size++] = ~used; // not held: the caller compares the String
                return;
            }
            bytes[at + k] = (byte) c;
        }
        used += n;
        ends[size++] = used;
    }

    int size() {
        return size;
    }

    /**
     * Whether key {@code i} is the {@code length} characters of {@code chars} at {@code offset}:
     * 1 if it is, 0 if not, -1 if this block does not hold that key.
     */
    int matches(int i, char[] chars, int offset, int length) {
        int end = ends[i];
        if (end < 0) {
            return -1;
        }
        int start = i == 0 ? 0 : offsetAfter(i - 1);
        if (end - start != length) {
            return 0;
        }
        // Every character compared, without a branch on any: a warm-up whose wrong guesses all
        // differed in length never took a "characters differ" branch, so C2 compiled it as a trap,
        // and the first real graph whose neighbouring uids differ only in their characters (i0,
        // a0, o0) threw that code away in the middle of a million lookups (G12's /trigger ran in
        // slower code for 0.75 s while C2 compiled it again). Uids are short: the full pass costs
        // nothing worth the early exit.
        int diff = 0;
        for (int k = 0; k < length; k++) {
            diff |= (bytes[start + k] & 0xFF) ^ chars[offset + k];
        }
        return (diff - 1) >>> 31; // 1 only when diff is 0 (it is never negative)
    }

    /** Where key i's bytes end, whether it is held or not (a key not held takes none). */
    private int offsetAfter(int i) {
        return ends[i] < 0 ? ~ends[i] : ends[i];
    }
}
