package dlg.manager.rest;

import dlg.core.graph.UidList;

/**
 * Reads the common body of a {@code /trigger} straight from its bytes: a JSON list of strings,
 * each plain ASCII without escapes (as DALiuGE's client and the translator write uids). A million
 * roots take some 10 MB; Jackson, token by token, read them in 40 to 45 ms once compiled and in
 * 450 ms before (a fresh manager's first big trigger), and this loop in a few ms. Any other body
 * (an escape, a byte beyond ASCII, a value that is no string, malformed JSON) is left to the
 * general reader ({@link Json#uidListByTokens}), which reads it or names its problem as before.
 */
final class PlainUidList {

    private PlainUidList() {
    }

    /** The uids of {@code body}, or null when it is not such a plain list. */
    static UidList read(byte[] body) {
        int uids = 0;
        int chars = 0;
        int i = listStart(body);
        if (i < 0) {
            return null;
        }
        if (body[i] != ']') {
            while (true) { // first pass: checks the shape, counts uids and characters
                int end = stringEnd(body, i);
                if (end < 0) {
                    return null;
                }
                uids++;
                chars += end - i - 1;
                i = skipSpace(body, end + 1);
                if (i < body.length && body[i] == ',') {
                    i = skipSpace(body, i + 1);
                } else if (i < body.length && body[i] == ']') {
                    break;
                } else {
                    return null;
                }
            }
        }
        if (skipSpace(body, i + 1) != body.length) {
            return null;
        }
        // arrays of the exact size: a trigger comes just after a deploy has filled the young
        // generation with a session's drops, and a collection then copies them all
        UidList list = new UidList(uids, chars);
        for (int k = 0, at = listStart(body); k < uids; k++) { // second pass: the shape is known
            int end = stringEnd(body, at);
            list.addAscii(body, at + 1, end - at - 1);
            at = skipSpace(body, skipSpace(body, end + 1) + 1); // past the comma
        }
        return list;
    }

    /** Where the list's first element (or its closing bracket) is; -1 if the body is no list. */
    private static int listStart(byte[] body) {
        int i = skipSpace(body, 0);
        if (i >= body.length || body[i] != '[') {
            return -1;
        }
        i = skipSpace(body, i + 1);
        return i < body.length ? i : -1;
    }

    /** Where the plain string starting at {@code i} ends (its closing quote); -1 if it is none. */
    private static int stringEnd(byte[] body, int i) {
        if (i >= body.length || body[i] != '"') {
            return -1;
        }
        for (int j = i + 1; j < body.length; j++) {
            byte b = body[j];
            if (b == '"') {
                return j;
            }
            if (b < 0x20 || b == '\\') { // a control character, an escape, or (negative) beyond ASCII
                return -1;
            }
        }
        return -1;
    }

    /** The first position from {@code i} on that is not JSON whitespace. */
    private static int skipSpace(byte[] body, int i) {
        while (i < body.length) {
            byte b = body[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }
}
