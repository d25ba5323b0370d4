package dlg.core.graph;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * Writes drop specs back as DALiuGE's JSON: the keys the reader interpreted first ({@code oid},
 * {@code uid} when it differs, {@code categoryType}, {@code dropclass}, name, node, island), then
 * the links by key (a named port as {@code {"<oid>": "<port>"}}), then every other key as it was
 * submitted. What DALiuGE echoes on {@code GET .../graph}; what a composite sends to its
 * sub-managers.
 */
public final class GraphWriter {

    private GraphWriter() {
    }

    /** One drop spec as a JSON object. */
    public static void writeDrop(JsonGenerator g, DropSpec d) throws IOException {
        writeDrop(g, d, null, null);
    }

    /**
     * One drop spec as a JSON object, with parameter {@code key} (added if absent) given the value
     * {@code replacement} (e.g. a drop's computed {@code reprodata}).
     */
    public static void writeDrop(JsonGenerator g, DropSpec d, String key, RawJson replacement) throws IOException {
        g.writeStartObject();
        g.writeStringField("oid", d.oid());
        if (!d.uid().equals(d.oid())) {
            g.writeStringField("uid", d.uid());
        }
        g.writeStringField("categoryType", d.category().wireName());
        g.writeStringField("dropclass", d.dropClass());
        writeIfSet(g, "name", d.name());
        writeIfSet(g, "node", d.node());
        writeIfSet(g, "island", d.island());
        writeLinks(g, d.links());
        boolean replaced = false;
        for (var e : d.params().entrySet()) {
            g.writeFieldName(e.getKey());
            if (key != null && key.equals(e.getKey())) {
                g.writeRawValue(replacement.json());
                replaced = true;
            } else {
                GraphReader.writeValue(g, e.getValue());
            }
        }
        if (key != null && !replaced) {
            g.writeFieldName(key);
            g.writeRawValue(replacement.json());
        }
        g.writeEndObject();
    }

    /**
     * A graph part as the JSON list a manager appends: each drop as the bytes it came in when its
     * reader kept them ({@link ParsedGraph#bytes()}), else written from its spec; then the
     * reproducibility element, if any.
     */
    public static void writeList(JsonGenerator g, ParsedGraph part) throws IOException {
        g.writeStartArray();
        DropBytes bytes = part.bytes();
        DropBytes.Slice slice = new DropBytes.Slice();
        List<DropSpec> drops = part.drops();
        for (int i = 0; i < drops.size(); i++) {
            if (!bytes.write(g, i, slice)) {
                writeDrop(g, drops.get(i));
            }
        }
        if (part.reproData() != null) {
            g.writeRawValue(part.reproData().json());
        }
        g.writeEndArray();
    }

    /** The drops as DALiuGE's session graph: {@code {oid: spec, ...}} in graph order. */
    public static void writeGraphDict(JsonGenerator g, List<DropSpec> drops) throws IOException {
        g.writeStartObject();
        for (DropSpec d : drops) {
            g.writeFieldName(d.oid());
            writeDrop(g, d);
        }
        g.writeEndObject();
    }

    private static void writeIfSet(JsonGenerator g, String key, String value) throws IOException {
        if (value != null) {
            g.writeStringField(key, value);
        }
    }

    /** Links grouped by their key, each key once, in the order the keys first appear. */
    private static void writeLinks(JsonGenerator g, List<Link> links) throws IOException {
        long written = 0; // bit per LinkType: links are few, so a scan per key beats a map
        for (Link first : links) {
            LinkType type = first.type();
            if ((written & (1L << type.ordinal())) != 0) {
                continue;
            }
            written |= 1L << type.ordinal();
            g.writeArrayFieldStart(type.key());
            for (Link l : links) {
                if (l.type() != type) {
                    continue;
                }
                if (l.port() == null) {
                    g.writeString(l.oid());
                } else {
                    g.writeStartObject();
                    g.writeStringField(l.oid(), l.port());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        }
    }
}
