package dlg.core.graph;

import java.util.Arrays;

/**
 * One interned String for each value that many drops repeat (a class name, a node), found from
 * the parser's characters without making a String first: the last few values are compared
 * whole (a vectorised comparison, no hashing), older ones are found by hash. Interned, so that
 * they are identical to equal literals too (the catalog's class names). Not thread-safe.
 */
final class RepeatedStrings {

    private static final int RECENT = 8;

    private final char[][] recentChars = new char[RECENT][];
    private final String[] recent = new String[RECENT];
    private int replace;
    private String[] seen = new String[16];
    private int count;
    private final OidIndex all = new OidIndex(16, seen);

    /** The String made of {@code chars[offset, offset + length)}. */
    String of(char[] chars, int offset, int length) {
        for (int i = 0; i < RECENT; i++) {
            char[] c = recentChars[i];
            if (c != null && c.length == length && Arrays.equals(c, 0, length, chars, offset, offset + length)) {
                return recent[i];
            }
        }
        int i = all.get(chars, offset, length, OidIndex.hash(chars, offset, length));
        return remember(i >= 0 ? seen[i] : new String(chars, offset, length));
    }

    /** The String equal to {@code s}. */
    String of(String s) {
        for (int i = 0; i < RECENT; i++) {
            if (s.equals(recent[i])) {
                return recent[i];
            }
        }
        int i = all.get(s);
        return remember(i >= 0 ? seen[i] : s);
    }

    private String remember(String s) {
        String interned = s.intern();
        if (all.get(interned) < 0) {
            if (count == seen.length) {
                seen = Arrays.copyOf(seen, count * 2);
                all.keys(seen);
            }
            seen[count] = interned;
            all.putIfAbsent(interned, count++);
        }
        recent[replace] = interned;
        recentChars[replace] = interned.toCharArray();
        replace = (replace + 1) % RECENT;
        return interned;
    }
}
