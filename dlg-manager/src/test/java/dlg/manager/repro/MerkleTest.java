package dlg.manager.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Roots over the leaves "leaf0".."leaf<n-1>". Expected values computed outside the project with
 * python3 twice, agreeing: merklelib's own {@code MerkleTree(leaves, common_hash).merkle_root}
 * (SHA3-256) and {@code MerkleTree(leaves).merkle_root} (its default SHA-256), and a hashlib-only
 * script: leaf {@code H(b"\x00" + leaf)}, node {@code H(b"\x01" + left + right)}, odd node up unchanged.
 */
class MerkleTest {

    private static final List<String> SHA3 = List.of(
            "25f6d173bb7f31ca87218d86ac932c7d4418259cd2d8de904b7e95511115379d",
            "4b2870e7e4c0819357ba9c713729f7efd4b5ca0031628dbb4539ea494af48ddc",
            "2da7a33c8d675a5ea26dede362bf86739ce43018c8dd3da12c116785290bd946",
            "83207ba88048adbd363278db2d63411864f5ee86db29aee7e4574856413ff274");
    private static final List<String> SHA256 = List.of(
            "e6c410a9745b0151d82d1a9f007b81f378a1588c3fb63dc634a2ab001379c3d2",
            "82bbd1c5de08394573f035ab3871ffaa6d8aba80baf47c7b28fb2b167f18464e",
            "f1aed069e1b79c5f12193e715059c468eff1559a5c989c6d7c46bc29f4f84f6c",
            "86f9ec25a8a2b32a4bd733e04c213de63c8b0655bcb887b75cfd8b02691be0e5");

    private static List<String> leaves(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "leaf" + i).toList();
    }

    @Test
    void root_oneToFourLeaves_asMerklelib() {
        for (int n = 1; n <= 4; n++) {
            assertThat(Merkle.root(leaves(n), Merkle.Hash.SHA3_256)).as(n + " leaves").isEqualTo(SHA3.get(n - 1));
            assertThat(Merkle.root(leaves(n), Merkle.Hash.SHA_256)).as(n + " leaves").isEqualTo(SHA256.get(n - 1));
        }
    }

    @Test
    void root_noLeaf_isNone() {
        assertThat(Merkle.root(List.of(), Merkle.Hash.SHA3_256)).isNull();
    }

    @Test
    void ofItems_statusTwo_asDaliugeCommitsIt() {
        // MerkleTree({"status": 2}.items(), common_hash).merkle_root
        assertThat(Merkle.ofItems(Map.of("status", 2)))
                .isEqualTo("689fcf0d74c42200bef177db545adc43c135dfb0d7dc85b166db3af1dcded235");
        assertThat(Merkle.ofItems(Map.of())).isNull();
    }

    @Test
    void root_emptyBytesAndNoneLeaves_hashAsPythonBytes() {
        // [b"", "pg-a", "pgt-a", "lg-a"]: drop a's RERUN rg_blockhash in ReproCalculatorTest
        assertThat(Merkle.root(List.of(new byte[0], "pg-a", "pgt-a", "lg-a"), Merkle.Hash.SHA3_256))
                .isEqualTo("048cefcf1c564d328d40f2716abb682992a36c9632c5120a0e2f56c00943fb22");
    }
}
