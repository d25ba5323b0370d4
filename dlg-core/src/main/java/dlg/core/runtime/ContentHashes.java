package dlg.core.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntPredicate;

/**
 * SHA3-256 digests of data drops' contents, taken when they settle and before their data can be
 * released: what DALiuGE's InMemoryDROP and FileDROP record for reproducibility
 * ({@code data_hash}). Only for the drops asked for; a drop that settled without content (or whose
 * content could not be read) has the digest of no bytes, as there. Thread-safe.
 */
final class ContentHashes {

    private static final HexFormat HEX = HexFormat.of();
    static final String OF_NOTHING = HEX.formatHex(sha3().digest());

    private final BitSet wanted;
    private final AtomicReferenceArray<String> hashes;

    private ContentHashes(BitSet wanted, int size) {
        this.wanted = wanted;
        this.hashes = new AtomicReferenceArray<>(size);
    }

    /** Null when no drop is asked for: nothing is allocated or checked per drop then. */
    static ContentHashes of(int size, IntPredicate which) {
        BitSet wanted = new BitSet();
        for (int i = 0; i < size; i++) {
            if (which.test(i)) {
                wanted.set(i);
            }
        }
        return wanted.isEmpty() ? null : new ContentHashes(wanted, size);
    }

    boolean wants(int index) {
        return wanted.get(index);
    }

    /** Reads the drop's whole content now. */
    void take(int index, AbstractDataDrop drop) {
        MessageDigest md = sha3();
        byte[] buf = new byte[64 * 1024];
        String hash;
        try (InputStream in = drop.open()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
            hash = HEX.formatHex(md.digest());
        } catch (IOException e) { // as DALiuGE: unreadable data counts as none
            hash = OF_NOTHING;
        }
        hashes.set(index, hash);
    }

    /** The digest taken, or that of no bytes (the drop settled without being read). */
    String get(int index) {
        String h = hashes.get(index);
        return h != null ? h : OF_NOTHING;
    }

    private static MessageDigest sha3() {
        try {
            return MessageDigest.getInstance("SHA3-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK since 9 has SHA3-256", e);
        }
    }
}
