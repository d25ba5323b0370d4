package dlg.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class NpyTest {

    /** {@code numpy.save} of {@code arange(6, dtype='<i4').reshape(2, 3)}. */
    static final String INT32_2X3 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMp"
            + "LCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAQAAAAIAAAAD"
            + "AAAABAAAAAUAAAA=";
    /** {@code numpy.save} of {@code asfortranarray(arange(6.).reshape(2, 3))}. */
    static final String FLOAT64_FORTRAN_2X3 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hh"
            + "cGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAA"
            + "AAAAAAAAAAAAAAhAAAAAAAAA8D8AAAAAAAAQQAAAAAAAAABAAAAAAAAAFEA=";
    /** {@code numpy.save} of {@code float64(2.5)}. */
    static final String FLOAT64_SCALAR = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBl"
            + "JzogKCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAEQA==";

    private static byte[] b64(String s) {
        return Base64.getDecoder().decode(s);
    }

    @Test
    void read_numpyInt32Matrix_givesLongsInCOrder() {
        NdArray a = Npy.read(b64(INT32_2X3));

        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.toValue()).isEqualTo(List.of(List.of(0L, 1L, 2L), List.of(3L, 4L, 5L)));
    }

    @Test
    void read_fortranOrder_isReorderedToCOrder() {
        NdArray a = Npy.read(b64(FLOAT64_FORTRAN_2X3));

        assertThat(a.toValue()).isEqualTo(List.of(List.of(0.0, 1.0, 2.0), List.of(3.0, 4.0, 5.0)));
    }

    @Test
    void read_scalar_givesZeroDimensionalArray() {
        NdArray a = Npy.read(b64(FLOAT64_SCALAR));

        assertThat(a.ndim()).isZero();
        assertThat(a.toValue()).isEqualTo(2.5);
    }

    @Test
    void write_scalar_isByteForByteWhatNumpyWrites() {
        assertThat(Npy.write(NdArray.ofDoubles(new int[0], 2.5))).isEqualTo(b64(FLOAT64_SCALAR));
    }

    @Test
    void write_thenRead_roundTripsShapeAndType() {
        NdArray a = NdArray.ofLongs(new int[] {3}, 7, -1, 42);

        byte[] data = Npy.write(a);

        assertThat(new String(data, 10, 60, StandardCharsets.ISO_8859_1)).contains("'<i8'", "'shape': (3,)");
        assertThat((10 + (data[8] & 0xff)) % 64).isZero();
        assertThat(Npy.read(data)).isEqualTo(a);
    }

    @Test
    void read_stringDtype_isRefusedNamingIt() {
        byte[] data = Npy.write(NdArray.ofLongs(new int[] {1}, 1));
        String text = new String(data, StandardCharsets.ISO_8859_1).replace("'<i8'", "'<U1'");

        assertThatThrownBy(() -> Npy.read(text.getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'<U1' is not supported");
    }

    @Test
    void read_truncatedData_isRefused() {
        byte[] data = b64(INT32_2X3);

        assertThatThrownBy(() -> Npy.read(java.util.Arrays.copyOf(data, data.length - 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated npy data");
    }

    @Test
    void looksNpy_pickle_isFalse() {
        assertThat(Npy.looksNpy(Pickles.dumps(List.of(1L)))).isFalse();
        assertThat(Npy.looksNpy(b64(INT32_2X3))).isTrue();
    }
}
