package dlg.core.graph;

import java.util.Arrays;
import java.util.Collection;

/**
 * A list of drop uids kept as one block of characters, without a String per uid: a trigger of a
 * million roots reads them from its request and looks each up in the graph's index by its
 * characters ({@link GraphSpec#indexOfUid(UidList, int)}), so that a million Strings are never
 * made (nor collected while a big session starts). A uid becomes a String only when it is named
 * in an error. Not thread-safe.
 */
public final class UidList {

    private char[] chars = new char[256];
    /** {@code ends[i]}: where uid {@code i}'s characters end; uid {@code i} starts at {@code ends[i - 1]} (0 for the first). */
    private int[] ends = new int[16];
    private int size;

    public static UidList of(Collection<String> uids) {
        UidList list = new UidList();
        for (String uid : uids) {
            list.add(uid);
        }
        return list;
    }

    public void add(String uid) {
        int from = room(uid.length());
        uid.getChars(0, uid.length(), chars, from);
        ends[size++] = from + uid.length();
    }

    /** Adds the uid made of {@code length} characters of {@code buffer} from {@code offset}. */
    public void add(char[] buffer, int offset, int length) {
        int from = room(length);
        System.arraycopy(buffer, offset, chars, from, length);
        ends[size++] = from + length;
    }

    private int room(int length) {
        int from = size == 0 ? 0 : ends[size - 1];
        if (from + length > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(from + length, (int) Math.min(Integer.MAX_VALUE - 8, 2L * chars.length)));
        }
        if (size == ends.length) {
            ends = Arrays.copyOf(ends, 2 * ends.length);
        }
        return from;
    }

    public int size() {
        return size;
    }

    /** Uid {@code i} as a String (for an error: the list makes none otherwise). */
    public String uid(int i) {
        return new String(chars, start(i), ends[i] - start(i));
    }

    int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    int end(int i) {
        return ends[i];
    }

    char[] chars() {
        return chars;
    }
}
