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
        int i = listStart(body);
        if (i < 0) {
            return null;
        }
        // room for the most uids and characters the body can hold: one pass, no growing
        UidList list = new UidList((body.length + 1) / 3, body.length);
        if (body[i] != ']') {
            while (true) {
                int end = stringEnd(body, i);
                if (end < 0) {
                    return null;
                }
                list.addAscii(body, i + 1, end - i - 1);
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
        return skipSpace(body, i + 1) == body.length ? list : null;
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
