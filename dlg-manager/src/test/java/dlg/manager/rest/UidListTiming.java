package dlg.manager.rest;

import dlg.core.graph.UidList;
import java.nio.charset.StandardCharsets;

/**
 * Times how a {@code /trigger} body of a million roots is read (not a test: run its main by hand
 * with the test classpath): from its bytes ({@link PlainUidList}), or with {@code -Dtokens=true}
 * by Jackson's tokens. The first rounds are what a fresh JVM does.
 */
final class UidListTiming {
    public static void main(String[] args) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 1_000_000; i++) {
            b.append(i == 0 ? "" : ", ").append('"').append("i").append(i).append('"');
        }
        byte[] body = b.append(']').toString().getBytes(StandardCharsets.UTF_8);
        for (int r = 0; r < 15; r++) {
            long t0 = System.nanoTime();
            UidList l = Boolean.getBoolean("tokens") ? Json.uidListByTokens(body, "x") : PlainUidList.read(body);
            long t1 = System.nanoTime();
            System.out.printf("%d: %.1f ms (%d uids, %d bytes)%n", r, (t1 - t0) / 1e6, l.size(), body.length);
        }
    }
}
