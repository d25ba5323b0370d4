package dlg.manager.repro;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DALiuGE's reproducibility modes ({@code rmode}, its {@code ReproducibilityFlags}), with their
 * codes. A mode says what two runs must share for their signatures to match; each drop's block
 * hash covers the {@link Aspect aspects} below plus its category, and chains the block hashes of
 * the drops upstream of it.
 *
 * <pre>
 *   mode             code  class  state  params  placement  content  chain
 *   RERUN              1     x      x                                 every drop
 *   REPEAT             2     x      x      x                          every drop
 *   RECOMPUTE          4     x      x      x        x                 every drop
 *   REPRODUCE          5            x                          x      data drops only
 *   REPLICATE_SCI      6     x      x                          x      every drop  (RERUN + REPRODUCE)
 *   REPLICATE_COMP     7     x      x      x        x          x      every drop  (RECOMPUTE + REPRODUCE)
 *   REPLICATE_TOTAL    8     x      x      x                   x      every drop  (REPEAT + REPRODUCE)
 * </pre>
 *
 * Every mode also covers its own name and, when the drop's {@code reprodata} carries them for
 * that mode, the translator's {@code lg_blockhash}, {@code pgt_blockhash} and {@code pg_blockhash}.
 * Never covered: oids and uids (translators derive them from timestamps), display names, error
 * messages, times, session directories. {@link #ALL} computes the seven modes above side by side;
 * {@link #NOTHING} computes none; {@link #EXPERIMENTAL} is DALiuGE's placeholder for standards
 * under trial and defines no coverage, so it computes none either.
 */
public enum ReproMode {
    ALL(-1),
    NOTHING(0),
    /** Same logical workflow: the same components, wired the same way, ending the same way. */
    RERUN(1, Aspect.CLASS, Aspect.STATE),
    /** A rerun whose components also had the same parameters. */
    REPEAT(2, Aspect.CLASS, Aspect.STATE, Aspect.PARAMS),
    /** A repetition with the same physical layout: nodes, islands, ranks, instance ids. */
    RECOMPUTE(4, Aspect.CLASS, Aspect.STATE, Aspect.PARAMS, Aspect.PLACEMENT),
    /**
     * Same scientific result: data drops of the same content, whatever applications made them
     * (applications pass their inputs' hashes on instead of their own).
     */
    REPRODUCE(5, Aspect.STATE, Aspect.CONTENT),
    REPLICATE_SCI(6, Aspect.CLASS, Aspect.STATE, Aspect.CONTENT),
    REPLICATE_COMP(7, Aspect.CLASS, Aspect.STATE, Aspect.PARAMS, Aspect.PLACEMENT, Aspect.CONTENT),
    REPLICATE_TOTAL(8, Aspect.CLASS, Aspect.STATE, Aspect.PARAMS, Aspect.CONTENT),
    EXPERIMENTAL(9);

    /** What a mode's block hash of one drop covers, besides the drop's category. */
    public enum Aspect {
        /** The drop's class ({@code dropclass}). */
        CLASS,
        /**
         * How the drop ended: COMPLETED (also when since EXPIRED or DELETED, which depends on
         * timing), ERROR, CANCELLED or SKIPPED.
         */
        STATE,
        /**
         * Every parameter as submitted ({@code applicationArgs} included, object keys in any
         * order) and the port names of its links, except what PLACEMENT covers and bookkeeping
         * ({@code reprodata}, {@code humanReadableKey}, {@code ports}, which name oids).
         */
        PARAMS,
        /** {@code node}, {@code island}, {@code rank}, {@code iid}, {@code loop_ctx}, {@code lg_key}. */
        PLACEMENT,
        /** For data drops, a digest of their content, when the engine supplies one ({@link ContentDigests}). */
        CONTENT
    }

    /** ALL's modes, in code order. */
    private static final List<ReproMode> EVERY_STANDARD = List.of(
            RERUN, REPEAT, RECOMPUTE, REPRODUCE, REPLICATE_SCI, REPLICATE_COMP, REPLICATE_TOTAL);

    private static final Pattern CODE = Pattern.compile("[+-]?\\d{1,9}");

    private final int code;
    private final Set<Aspect> aspects;

    ReproMode(int code, Aspect... aspects) {
        this.code = code;
        Set<Aspect> set = EnumSet.noneOf(Aspect.class);
        set.addAll(Arrays.asList(aspects));
        this.aspects = Collections.unmodifiableSet(set);
    }

    public int code() {
        return code;
    }

    /** The code as DALiuGE writes it in graphs: {@code "1"}. */
    public String value() {
        return Integer.toString(code);
    }

    public Set<Aspect> aspects() {
        return aspects;
    }

    /** True for REPRODUCE: applications are not links of its chain, data drops are. */
    boolean chainsDataOnly() {
        return this == REPRODUCE;
    }

    /** The modes whose signatures this mode asks for: ALL's seven, none for NOTHING and EXPERIMENTAL, else itself. */
    public List<ReproMode> standards() {
        return switch (this) {
            case ALL -> EVERY_STANDARD;
            case NOTHING, EXPERIMENTAL -> List.of();
            default -> List.of(this);
        };
    }

    public static ReproMode ofCode(int code) {
        for (ReproMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("no rmode with code " + code
                + " (expected -1, 0, 1, 2, 4, 5, 6, 7, 8 or 9)");
    }

    /**
     * Reads an {@code rmode} as DALiuGE's {@code rflag_caster} does: a code ({@code 1}, {@code "1"})
     * or a name ({@code "RERUN"}, {@code "Reproducibility.RERUN"}), here case-insensitively. Unlike
     * DALiuGE, which quietly falls back to NOTHING, a bad value is an error.
     *
     * @throws IllegalArgumentException naming the value when it is no rmode
     */
    public static ReproMode parse(Object value) {
        switch (value) {
            case null -> throw new IllegalArgumentException("rmode is null");
            case Integer i -> {
                return ofCode(i);
            }
            case Long l -> {
                if (l != l.intValue()) {
                    throw new IllegalArgumentException("no rmode with code " + l);
                }
                return ofCode(l.intValue());
            }
            case BigInteger b -> throw new IllegalArgumentException("no rmode with code " + b);
            case String s -> {
                return parseText(s);
            }
            default -> throw new IllegalArgumentException("rmode must be a code or a name, not " + value
                    + " (" + value.getClass().getSimpleName() + ")");
        }
    }

    private static ReproMode parseText(String text) {
        String s = text.strip();
        if (CODE.matcher(s).matches()) {
            return ofCode(Integer.parseInt(s));
        }
        String name = s.toUpperCase(Locale.ROOT);
        if (name.startsWith("REPRODUCIBILITY.")) {
            name = name.substring("REPRODUCIBILITY.".length());
        }
        for (ReproMode m : values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is no rmode (expected a code such as \"1\" or a name such as \"RERUN\")");
    }
}
