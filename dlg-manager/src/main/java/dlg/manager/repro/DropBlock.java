package dlg.manager.repro;

import java.util.List;
import java.util.Objects;

/**
 * One drop's runtime block under one mode.
 *
 * @param blockHash {@code rg_blockhash}, hex
 * @param parentHashes {@code rg_parenthashes}: the block hashes it chains, ascending (the order
 *     they are hashed in)
 */
public record DropBlock(String blockHash, List<String> parentHashes) {

    public DropBlock {
        Objects.requireNonNull(blockHash, "blockHash");
        parentHashes = List.copyOf(parentHashes);
    }
}
