package dlg.manager.repro;

import dlg.core.graph.GraphReader;
import dlg.core.graph.RawJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One reused SHA-256 digest fed with an unambiguous encoding of JSON-like values: every value is
 * tagged with its type and strings are length-prefixed, so that {@code ("ab", "c")} and
 * {@code ("a", "bc")}, or {@code 1} and {@code "1"}, never hash alike. Object keys are hashed in
 * sorted order, so the key order of a JSON document does not matter.
 *
 * <p>Not thread-safe: one per computation.
 */
final class Sha256 {

    static final int LENGTH = 32;

    private final MessageDigest md;
    private final byte[] int4 = new byte[4];

    Sha256() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    Sha256 tag(char tag) {
        md.update((byte) tag);
        return this;
    }

    Sha256 bytes(byte[] b, int offset, int length) {
        md.update(b, offset, length);
        return this;
    }

    Sha256 string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        count(utf8.length);
        md.update(utf8);
        return this;
    }

    /** A named field: its name, then its value. */
    Sha256 field(String name, Object value) {
        string(name);
        return value(value);
    }

    /** A value as {@link GraphReader} reads it: a scalar, a {@link RawJson}, or a Map / List of those. */
    Sha256 value(Object value) {
        switch (value) {
            case null -> tag('n');
            case String s -> tag('s').string(s);
            case Boolean b -> tag(b ? 'T' : 'F');
            case Integer i -> tag('i').string(i.toString());
            case Long l -> tag('i').string(l.toString());
            case BigInteger b -> tag('i').string(b.toString());
            case Double d -> tag('d').string(d.toString());
            case BigDecimal b -> tag('d').string(Double.toString(b.doubleValue()));
            case RawJson raw -> value(GraphReader.parseValue(raw));
            case Map<?, ?> m -> map(m);
            case List<?> l -> {
                tag('[').count(l.size());
                for (Object o : l) {
                    value(o);
                }
            }
            default -> tag('s').string(value.toString());
        }
        return this;
    }

    private void map(Map<?, ?> m) {
        List<String> keys = new ArrayList<>(m.size());
        for (Object k : m.keySet()) {
            keys.add(String.valueOf(k));
        }
        keys.sort(null);
        tag('{').count(keys.size());
        for (String k : keys) {
            field(k, m.get(k));
        }
    }

    /** A length or a number of elements, as four bytes. */
    Sha256 count(int n) {
        int4[0] = (byte) (n >>> 24);
        int4[1] = (byte) (n >>> 16);
        int4[2] = (byte) (n >>> 8);
        int4[3] = (byte) n;
        md.update(int4);
        return this;
    }

    /** Writes the digest of everything fed since the last one into {@code out} at {@code offset}, and resets. */
    void finish(byte[] out, int offset) {
        try {
            md.digest(out, offset, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("no room for a digest at " + offset + " of " + out.length, e);
        }
    }
}
