package dlg.core.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * numpy's {@code .npy} format (what {@code numpy.save} writes and DALiuGE's {@code npy} drops hold),
 * for arrays of numbers: signed and unsigned integers, booleans and 32/64-bit floats, in either
 * byte order and C or Fortran order. Integers are read as 64-bit ({@code uint64} above the signed
 * range is refused), floats as 64-bit; dlg writes {@code <i8} or {@code <f8}.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern TYPE = Pattern.compile("([<>|=]?)([iubf])(\\d+)");

    private Npy() {
    }

    /** True when {@code data} starts with the npy magic string. */
    public static boolean looksNpy(byte[] data) {
        return data.length >= MAGIC.length && Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /**
     * @throws IllegalArgumentException when {@code data} is not npy, or holds a type this codec does
     *     not read (strings, complex numbers, records, Python objects), naming it
     */
    public static NdArray read(byte[] data) {
        if (!looksNpy(data) || data.length < 10) {
            throw new IllegalArgumentException("not npy data (no \\x93NUMPY magic)");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int major = data[6];
        int headerLength;
        int start;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(b.getShort(8));
            start = 10;
        } else if (major == 2 || major == 3) {
            if (data.length < 12) {
                throw new IllegalArgumentException("truncated npy header");
            }
            headerLength = b.getInt(8);
            start = 12;
        } else {
            throw new IllegalArgumentException("unknown npy format version " + major);
        }
        if (headerLength < 0 || start + headerLength > data.length) {
            throw new IllegalArgumentException("truncated npy header");
        }
        String header = new String(data, start, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, "descr");
        Matcher t = TYPE.matcher(descr);
        if (!t.matches()) {
            throw new IllegalArgumentException("npy dtype '" + descr
                    + "' is not supported (only integers, booleans and floats)");
        }
        boolean fortran = find(FORTRAN, header, "fortran_order").equals("True");
        int[] shape = parseShape(find(SHAPE, header, "shape"));
        char kind = t.group(2).charAt(0);
        int width = Integer.parseInt(t.group(3));
        if (!(kind == 'f' ? width == 4 || width == 8 : kind == 'b' ? width == 1
                : width == 1 || width == 2 || width == 4 || width == 8)) {
            throw new IllegalArgumentException("npy dtype '" + descr + "' is not supported");
        }
        ByteOrder order = t.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int n = Math.toIntExact(NdArray.sizeOf(shape));
        int offset = start + headerLength;
        if ((long) n * width > data.length - offset) {
            throw new IllegalArgumentException("truncated npy data: shape " + Arrays.toString(shape) + " of '"
                    + descr + "' needs " + (long) n * width + " bytes, found " + (data.length - offset));
        }
        ByteBuffer body = ByteBuffer.wrap(data, offset, data.length - offset).slice().order(order);
        int[] index = fortran ? fortranToC(shape) : null;
        if (kind == 'f') {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[index == null ? i : index[i]] = width == 4 ? body.getFloat(i * 4) : body.getDouble(i * 8);
            }
            return NdArray.ofDoubles(shape, v);
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[index == null ? i : index[i]] = integer(body, i, width, kind == 'u', descr);
        }
        return NdArray.ofLongs(shape, v);
    }

    private static long integer(ByteBuffer body, int i, int width, boolean unsigned, String descr) {
        return switch (width) {
            case 1 -> unsigned ? Byte.toUnsignedLong(body.get(i)) : body.get(i);
            case 2 -> unsigned ? Short.toUnsignedLong(body.getShort(i * 2)) : body.getShort(i * 2);
            case 4 -> unsigned ? Integer.toUnsignedLong(body.getInt(i * 4)) : body.getInt(i * 4);
            default -> {
                long x = body.getLong(i * 8);
                if (unsigned && x < 0) {
                    throw new IllegalArgumentException("npy '" + descr + "' value " + Long.toUnsignedString(x)
                            + " does not fit a signed 64-bit integer");
                }
                yield x;
            }
        };
    }

    /** Where each element of a Fortran-ordered array goes in C order. */
    private static int[] fortranToC(int[] shape) {
        int n = Math.toIntExact(NdArray.sizeOf(shape));
        int[] cStrides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            cStrides[d] = s;
            s *= shape[d];
        }
        int[] map = new int[n];
        int[] idx = new int[shape.length];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int d = 0; d < shape.length; d++) {
                c += idx[d] * cStrides[d];
            }
            map[i] = c;
            // Fortran order: the first index varies fastest
            for (int d = 0; d < shape.length && ++idx[d] == shape[d]; d++) {
                idx[d] = 0;
            }
        }
        return map;
    }

    private static String find(Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException("npy header has no '" + key + "': " + header.strip());
        }
        return m.group(1);
    }

    private static int[] parseShape(String s) {
        return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .mapToInt(x -> {
                    try {
                        return Integer.parseInt(x.endsWith("L") ? x.substring(0, x.length() - 1) : x);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("bad npy shape (" + s + ")");
                    }
                }).toArray();
    }

    /** The array as npy version 1.0, {@code <i8} or {@code <f8}, C order, header padded to 64 bytes. */
    public static byte[] write(NdArray a) {
        int[] shape = a.shape();
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(dims.isEmpty() ? "" : ", ").append(d);
        }
        if (shape.length == 1) {
            dims.append(',');
        }
        String dict = "{'descr': '" + (a.integral() ? "<i8" : "<f8") + "', 'fortran_order': False, 'shape': ("
                + dims + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + a.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < a.size(); i++) {
            if (a.integral()) {
                b.putLong(a.ints()[i]);
            } else {
                b.putDouble(a.floats()[i]);
            }
        }
        return b.array();
    }
}
