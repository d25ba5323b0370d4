package dlg.manager.composite;

import dlg.core.graph.DropSpec;
import dlg.manager.NodeAddress;

/** The drop attribute by which a composite manager splits a graph among its sub-managers. */
public enum PartitionAttribute {
    /** A DataIslandManager's: the drop's NodeManager, REST port 8000 when the string has none. */
    NODE("node", NodeAddress.NM_PORT),
    /**
     * A MasterManager's: the drop's DataIslandManager. DALiuGE parses it with port 8000, so
     * {@code "island": "host"} never matches a DIM; ours defaults to the DIM port 8001.
     */
    ISLAND("island", NodeAddress.DIM_PORT);

    private final String key;
    private final int defaultRestPort;

    PartitionAttribute(String key, int defaultRestPort) {
        this.key = key;
        this.defaultRestPort = defaultRestPort;
    }

    /** The drop-spec key. */
    public String key() {
        return key;
    }

    /** The REST port of a value that names none. */
    public int defaultRestPort() {
        return defaultRestPort;
    }

    /** The drop's raw value, or null. */
    public String valueOf(DropSpec drop) {
        return this == NODE ? drop.node() : drop.island();
    }
}
