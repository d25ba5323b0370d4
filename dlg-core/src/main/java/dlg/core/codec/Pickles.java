package dlg.core.codec;

import java.io.IOException;
import net.razorvine.pickle.Pickler;
import net.razorvine.pickle.Unpickler;

/**
 * Python pickles, the format DALiuGE's apps exchange values in (arrays, scalars, {@code pydata}).
 * Java values map to Python's: List to list, Map to dict, Long and Double to int and float,
 * String to str, null to None. Arrays that DALiuGE keeps in numpy are plain lists here.
 */
public final class Pickles {

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

    /** True when {@code data} starts like a pickle (protocol 2+ opcode PROTO). */
    public static boolean looksPickled(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == 0x80 && data[1] >= 2 && data[1] <= 5;
    }
}
