package dlg.manager.repro;

/**
 * A Merkle root over hashes already in order: pairs are hashed level by level as
 * {@code SHA-256('M', left, right)}, an odd last one moves up unchanged. One hash is its own
 * root; no hash at all gives the SHA-256 of nothing.
 */
final class Merkle {

    private Merkle() {
    }

    /** @param leaves indexes of 32-byte hashes in {@code hashes}, in the order to combine them */
    static byte[] root(int[] leaves, byte[] hashes) {
        Sha256 sha = new Sha256();
        int n = leaves.length;
        byte[] level = new byte[Math.max(1, n) * Sha256.LENGTH];
        if (n == 0) {
            sha.finish(level, 0);
            return level;
        }
        for (int i = 0; i < n; i++) {
            System.arraycopy(hashes, leaves[i] * Sha256.LENGTH, level, i * Sha256.LENGTH, Sha256.LENGTH);
        }
        while (n > 1) {
            int up = 0;
            for (int i = 0; i + 1 < n; i += 2, up++) {
                sha.tag('M').bytes(level, i * Sha256.LENGTH, 2 * Sha256.LENGTH);
                sha.finish(level, up * Sha256.LENGTH); // in place: slot up is behind slot i, already read
            }
            if (n % 2 == 1) {
                System.arraycopy(level, (n - 1) * Sha256.LENGTH, level, up * Sha256.LENGTH, Sha256.LENGTH);
                up++;
            }
            n = up;
        }
        return java.util.Arrays.copyOf(level, Sha256.LENGTH);
    }
}
