package dlg.core.graph;

import static dlg.core.graph.Graphs.app;
import static dlg.core.graph.Graphs.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropRecordsTest {

    @Test
    void of_drops_keepsWhatIndexingNeedsInOrder() {
        DropSpec a = Graphs.dropSpec(data("A", "'consumers': ['B']"));
        DropSpec b = Graphs.dropSpec(app("B", "'inputs': ['A']", "'outputs': ['C']", "'uid': 'U'"));

        DropRecords r = DropRecords.of(List.of(a, b));

        assertThat(r.size()).isEqualTo(2);
        assertThat(r.links()).isEqualTo(3);
        assertThat(r.spec(1)).isSameAs(b);
        assertThat(r.oid(0)).isEqualTo("A");
        assertThat(r.oidHash(1)).isEqualTo("B".hashCode());
        assertThat(r.category(1)).isEqualTo((byte) Category.APPLICATION.ordinal());
        assertThat(r.linkEnd(0)).isEqualTo(1);
        assertThat(r.linkEnd(1)).isEqualTo(3);
        assertThat(r.linkOid(2)).isEqualTo("C");
        assertThat(r.linkHash(1)).isEqualTo("A".hashCode());
        assertThat(r.linkType(1)).isEqualTo((byte) LinkType.INPUT.ordinal());
        assertThat(r.distinctUids()).isTrue();
    }

    @Test
    void add_beyondOnePage_keepsEverything() {
        List<DropSpec> drops = new ArrayList<>();
        DropSpec template = Graphs.dropSpec(data("X", "'consumers': ['Y', 'Z']"));
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            drops.add(new DropSpec("d" + i, "d" + i, Category.DATA, template.dropClass(), null, null, null,
                    template.links(), template.params(), template.appArgs()));
        }

        DropRecords r = DropRecords.of(drops);
        DropSpec[] specs = new DropSpec[n + 1];
        r.copySpecs(specs, 1);
        String[] oids = new String[n];
        r.copyOids(oids, 0);

        assertThat(r.size()).isEqualTo(n);
        assertThat(r.links()).isEqualTo(2 * n);
        assertThat(r.oid(n - 1)).isEqualTo("d" + (n - 1));
        assertThat(r.linkEnd(n - 1)).isEqualTo(2 * n);
        assertThat(r.linkOid(2 * n - 1)).isEqualTo("Z");
        assertThat(specs).startsWith(null, drops.get(0)).endsWith(drops.get(n - 1));
        assertThat(oids[12_345]).isEqualTo("d12345");
        assertThat(r.distinctUids()).isFalse();
    }
}
