package dlg.core.graph;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The drops of a part as {@link GraphReader} returns them: an immutable list that also carries
 * what the reader learnt of them ({@link PartIndex}), so that validation does not redo it.
 */
final class IndexedDrops extends AbstractList<DropSpec> implements RandomAccess {

    private final DropSpec[] drops;
    private final PartIndex index;

    IndexedDrops(DropSpec[] drops, PartIndex index) {
        if (drops.length != index.size()) {
            throw new IllegalArgumentException("an index of " + index.size() + " drops for " + drops.length);
        }
        this.drops = drops;
        this.index = index;
    }

    PartIndex index() {
        return index;
    }

    @Override
    public DropSpec get(int i) {
        Objects.checkIndex(i, drops.length);
        return drops[i];
    }

    @Override
    public int size() {
        return drops.length;
    }

    @Override
    public Object[] toArray() {
        return Arrays.copyOf(drops, drops.length, Object[].class);
    }
}
