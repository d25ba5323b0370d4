package dlg.core.codec;

import dlg.core.app.DataDrop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How the value of a named port is read from its drop ({@code encoding} of an applicationArgs
 * entry, DALiuGE's {@code DropParser}). DALiuGE's default is dill, which for the values dlg
 * produces reads as a pickle.
 */
public enum Encoding {
    PICKLE, DILL, UTF8, EVAL, PATH, DATAURL, BINARY, RAW, NPY;

    public static Encoding of(String name) {
        if (name == null || name.isBlank()) {
            return DILL;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "pickle" -> PICKLE;
            case "dill" -> DILL;
            case "utf8", "string", "str" -> UTF8;
            case "eval", "json" -> EVAL;
            case "path" -> PATH;
            case "dataurl" -> DATAURL;
            case "binary", "bytes" -> BINARY;
            case "raw" -> RAW;
            case "npy" -> NPY;
            default -> throw new IllegalArgumentException("unknown encoding '" + name + "'");
        };
    }

    /**
     * Reads the drop's value: a path or URL as a String, text as a String, a pickle as the Java
     * value it holds (content that is not a pickle is taken as UTF-8 text, as DALiuGE falls back
     * to the raw value).
     */
    public Object read(DataDrop drop) throws IOException {
        return switch (this) {
            case PATH -> {
                var path = drop.readablePath();
                yield path.isPresent() ? path.get().toString() : text(drop);
            }
            case DATAURL -> drop.dataUrl();
            case UTF8, EVAL -> text(drop);
            case BINARY, RAW -> drop.readAll();
            case PICKLE, DILL -> {
                byte[] data = drop.readAll();
                if (data.length == 0) {
                    yield null;
                }
                yield Pickles.looksPickled(data) ? Pickles.loads(data) : new String(data, StandardCharsets.UTF_8);
            }
            case NPY -> throw new IllegalArgumentException(
                    "drop '" + drop.oid() + "': the npy encoding needs Python/numpy, which dlg does not run");
        };
    }

    private static String text(DataDrop drop) throws IOException {
        return new String(drop.readAll(), StandardCharsets.UTF_8);
    }
}
