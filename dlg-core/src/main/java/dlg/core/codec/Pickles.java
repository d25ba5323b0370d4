package dlg.core.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.razorvine.pickle.Pickler;
import net.razorvine.pickle.Unpickler;

/**
 * Python pickles, the format DALiuGE's apps exchange values in (arrays, scalars, {@code pydata}).
 * Java values map to Python's: List to list, Map to dict, Long and Double to int and float,
 * String to str, null to None. Arrays that DALiuGE keeps in numpy are plain lists here.
 */
public final class Pickles {

    private static final byte[] LOADS = "cpickle\nloads\n".getBytes(StandardCharsets.US_ASCII);

    private Pickles() {
    }

    public static byte[] dumps(Object value) {
        try {
            return new Pickler(false).dumps(value);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot pickle " + value + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException when {@code data} is not a pickle this codec can read
     *     (empty, or e.g. a numpy array)
     */
    public static Object loads(byte[] data) {
        if (data.length == 0) {
            throw new IllegalArgumentException("no data to unpickle (empty drop)");
        }
        Unpickler u = new Unpickler();
        try {
            return u.loads(data);
        } catch (IOException | RuntimeException e) {
            // from bytes in memory an IOException means a truncated pickle; a RuntimeException is a
            // PickleException or a class it cannot construct
            throw new IllegalArgumentException("not a readable pickle: " + e.getMessage(), e);
        } finally {
            u.close();
        }
    }

    /**
     * {@code [pickle.loads(p0), pickle.loads(p1), ...]} as a protocol-3 pickle, {@code None} for an
     * empty {@code p}: a list of values pickled by Python (numpy arrays, user classes), which Java
     * cannot read, made without reading them: unpickling it calls {@code pickle.loads} on each
     * one's own bytes.
     */
    public static byte[] listOfPickles(List<byte[]> pickles) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80); // PROTO 3
        p.write(3);
        p.write(']'); // EMPTY_LIST
        p.write('('); // MARK
        for (byte[] v : pickles) {
            if (v.length == 0) {
                p.write('N'); // NONE
                continue;
            }
            p.writeBytes(LOADS); // GLOBAL pickle.loads
            p.write('B'); // BINBYTES, then a 4-byte little-endian length
            p.write(v.length);
            p.write(v.length >>> 8);
            p.write(v.length >>> 16);
            p.write(v.length >>> 24);
            p.writeBytes(v);
            p.write(0x85); // TUPLE1
            p.write('R'); // REDUCE: pickle.loads(v)
        }
        p.write('e'); // APPENDS
        p.write('.'); // STOP
        return p.toByteArray();
    }

    /** True when {@code data} starts like a pickle (protocol 2+ opcode PROTO). */
    public static boolean looksPickled(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == 0x80 && data[1] >= 2 && data[1] <= 5;
    }
}
