package dlg.manager.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MerkleTest {

    private static final byte[] HASHES = new byte[4 * Sha256.LENGTH];

    static {
        for (int i = 0; i < HASHES.length; i++) {
            HASHES[i] = (byte) (i * 31 + 7);
        }
    }

    @Test
    void root_noLeaves_isSha256OfNothing() throws Exception {
        assertThat(Merkle.root(new int[0], HASHES)).isEqualTo(MessageDigest.getInstance("SHA-256").digest());
    }

    @Test
    void root_oneLeaf_isThatLeaf() {
        assertThat(Merkle.root(new int[] {2}, HASHES)).isEqualTo(leaf(2));
    }

    @Test
    void root_threeLeaves_pairsThenPromotesTheOddOne() throws Exception {
        byte[] expected = node(node(leaf(0), leaf(1)), leaf(2));

        assertThat(Merkle.root(new int[] {0, 1, 2}, HASHES)).isEqualTo(expected);
    }

    @Test
    void root_fourLeaves_isBalanced() throws Exception {
        byte[] expected = node(node(leaf(3), leaf(1)), node(leaf(0), leaf(2)));

        assertThat(Merkle.root(new int[] {3, 1, 0, 2}, HASHES)).isEqualTo(expected);
    }

    private static byte[] leaf(int i) {
        return Arrays.copyOfRange(HASHES, i * Sha256.LENGTH, (i + 1) * Sha256.LENGTH);
    }

    private static byte[] node(byte[] left, byte[] right) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update((byte) 'M');
        md.update(left);
        md.update(right);
        return md.digest();
    }
}
