package dlg.manager.repro;

import dlg.core.graph.Category;
import dlg.core.graph.DropSpec;
import dlg.core.graph.Link;
import dlg.core.state.DropState;
import dlg.manager.repro.ReproMode.Aspect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hashes what a mode covers of one drop (the {@link ReproMode} table): its own data, before any
 * parent is chained. Fields go in a fixed order, parameters sorted by key. The parameters and the
 * placement are hashed once per drop into digests of their own, which every mode covering them
 * then takes: under ALL, four modes cover the parameters.
 *
 * <p>Not thread-safe: one per computation, {@link #start started} for each drop in turn.
 */
final class OwnData {

    /** Placement and unrolling: the same workflow may run elsewhere or be split differently. */
    static final Set<String> PLACEMENT_PARAMS = Set.of("rank", "iid", "loop_ctx", "lg_key");

    /**
     * Bookkeeping, never covered: the reproducibility data itself, the short key derived from the
     * uid, and the port list, which names oids (translators make oids from timestamps).
     */
    static final Set<String> NEVER = Set.of("reprodata", "humanReadableKey", "ports");

    private final Sha256 sha;
    private final byte[] params = new byte[Sha256.LENGTH];
    private final byte[] placement = new byte[Sha256.LENGTH];
    private DropSpec spec;
    private DropState outcome;
    private DropReproSpec repro;
    private String content;
    private boolean paramsDone;
    private boolean placementDone;

    OwnData(Sha256 sha) {
        this.sha = sha;
    }

    /** @param content the content digest of a data drop, or null */
    void start(DropSpec spec, DropState state, DropReproSpec repro, String content) {
        this.spec = spec;
        this.outcome = outcome(state);
        this.repro = repro;
        this.content = content;
        paramsDone = false;
        placementDone = false;
    }

    /** Writes the hash of what {@code mode} covers of the current drop into {@code out}. */
    void hash(ReproMode mode, byte[] out) {
        Set<Aspect> aspects = mode.aspects();
        if (aspects.contains(Aspect.PARAMS) && !paramsDone) {
            params(false);
            linkPorts();
            sha.finish(params, 0);
            paramsDone = true;
        }
        if (aspects.contains(Aspect.PLACEMENT) && !placementDone) {
            sha.field("node", spec.node()).field("island", spec.island());
            params(true);
            sha.finish(placement, 0);
            placementDone = true;
        }
        sha.field("rmode", mode.name()); // so that modes covering the same (no content known) still differ
        sha.field("category", spec.category().wireName());
        if (aspects.contains(Aspect.CLASS)) {
            sha.field("dropclass", spec.dropClass());
        }
        if (aspects.contains(Aspect.STATE)) {
            sha.field("status", outcome.name());
        }
        if (aspects.contains(Aspect.PARAMS)) {
            sha.tag('P').bytes(params, 0, params.length);
        }
        if (aspects.contains(Aspect.PLACEMENT)) {
            sha.tag('L').bytes(placement, 0, placement.length);
        }
        if (aspects.contains(Aspect.CONTENT) && spec.category() == Category.DATA && content != null) {
            sha.field("content", content);
        }
        String[] translated = repro.translated().get(mode);
        if (translated != null) {
            for (int i = 0; i < translated.length; i++) {
                if (translated[i] != null) {
                    sha.field(DropReproSpec.TRANSLATED.get(i), translated[i]);
                }
            }
        }
        sha.finish(out, 0);
    }

    /** How the drop ended, whether or not it expired since: expiry depends on timing, not on the run. */
    static DropState outcome(DropState state) {
        return switch (state) {
            case EXPIRED, DELETED -> DropState.COMPLETED;
            default -> state;
        };
    }

    private void params(boolean placementKeys) {
        Map<String, Object> all = spec.params();
        List<String> keys = new ArrayList<>(all.size());
        for (String k : all.keySet()) {
            if (!NEVER.contains(k) && PLACEMENT_PARAMS.contains(k) == placementKeys) {
                keys.add(k);
            }
        }
        keys.sort(null);
        sha.count(keys.size());
        for (String k : keys) {
            sha.field(k, all.get(k));
        }
    }

    /** Which port each link binds to changes what an application computes. */
    private void linkPorts() {
        List<String> ports = null;
        for (Link l : spec.links()) {
            if (l.port() != null) {
                ports = ports == null ? new ArrayList<>() : ports;
                ports.add(l.type().key() + ":" + l.port());
            }
        }
        if (ports != null) {
            ports.sort(null);
            sha.field("ports", ports);
        }
    }
}
