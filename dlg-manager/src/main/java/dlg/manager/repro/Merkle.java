package dlg.manager.repro;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The Merkle root of the {@code merklelib} package DALiuGE uses ({@code MerkleTree(leaves,
 * hashfunc).merkle_root}):
 * <ul>
 *   <li>a leaf is {@code H(0x00 || bytes(leaf))}, bytes as {@link PyRepr#leafBytes} makes them;</li>
 *   <li>two nodes make {@code H(0x01 || left || right)} of their raw 32-byte digests;</li>
 *   <li>an odd node out at any level goes up unchanged;</li>
 *   <li>the root is lower-case hex; one leaf is its own root (its leaf hash); no leaf gives
 *       Python's {@code None}, here null.</li>
 * </ul>
 * DALiuGE hashes with SHA3-256 ({@code common_hash}) everywhere except for a graph's signature,
 * whose tree it builds without a hash function, so merklelib's default SHA-256 applies.
 *
 * <p>Stateless; each call takes its own digest.
 */
final class Merkle {

    /** The two hash functions DALiuGE's trees use. */
    enum Hash {
        /** {@code hashlib.sha3_256}: DALiuGE's {@code common_hash}. */
        SHA3_256("SHA3-256"),
        /** merklelib's default, for signatures ({@code agglomerate_leaves}). */
        SHA_256("SHA-256");

        private final String jdkName;

        Hash(String jdkName) {
            this.jdkName = jdkName;
        }

        MessageDigest digest() {
            try {
                return MessageDigest.getInstance(jdkName);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK since 9 has " + jdkName, e);
            }
        }
    }

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] LEAF = {0};
    private static final byte[] NODE = {1};

    private Merkle() {
    }

    /** The root over {@code leaves} in their order, hex, or null for none. */
    static String root(List<?> leaves, Hash hash) {
        if (leaves.isEmpty()) {
            return null;
        }
        MessageDigest md = hash.digest();
        byte[][] level = new byte[leaves.size()][];
        for (int i = 0; i < level.length; i++) {
            md.update(LEAF);
            level[i] = md.digest(PyRepr.leafBytes(leaves.get(i)));
        }
        int n = level.length;
        while (n > 1) {
            int up = 0;
            for (int i = 0; i + 1 < n; i += 2) {
                md.update(NODE);
                md.update(level[i]);
                level[up++] = md.digest(level[i + 1]);
            }
            if (n % 2 == 1) {
                level[up++] = level[n - 1];
            }
            n = up;
        }
        return HEX.formatHex(level[0]);
    }

    /**
     * {@code MerkleTree(data.items(), common_hash).merkle_root}: SHA3-256 over the
     * {@code (key, value)} tuples in the map's order.
     */
    static String ofItems(Map<String, ?> data) {
        return root(data.entrySet().stream().map(e -> PyRepr.item(e.getKey(), e.getValue())).toList(), Hash.SHA3_256);
    }

    /** SHA3-256 of bytes, hex ({@code common_hash(value)}). */
    static String sha3(byte[] value) {
        return HEX.formatHex(Hash.SHA3_256.digest().digest(value));
    }
}
