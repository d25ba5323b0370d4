package dlg.manager.repro;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * DALiuGE's reproducibility modes ({@code rmode}, its {@code ReproducibilityFlags}), with their
 * codes. What each mode records of a drop is DALiuGE's: see {@link RuntimeData} for the run, and
 * {@link Reproducibility} for the block hashes chained along the graph.
 *
 * <pre>
 *   mode             code  a drop records at run time          chain
 *   RERUN              1   its status                          every drop (only iid "0/0" of a scatter)
 *   REPEAT             2   its status                          every drop
 *   RECOMPUTE          4   its status                          every drop; node and island in the PG
 *   REPRODUCE          5   data drops: a hash of their content root and leaf data drops only
 *   REPLICATE_SCI      6   RERUN's and REPRODUCE's             every drop
 *   REPLICATE_COMP     7   RECOMPUTE's and REPRODUCE's         every drop; node and island in the PG
 *   REPLICATE_TOTAL    8   REPEAT's and REPRODUCE's            every drop
 * </pre>
 *
 * {@link #ALL} computes the seven side by side; {@link #NOTHING} computes none.
 * {@link #EXPERIMENTAL} is DALiuGE's placeholder, with no data of its own.
 */
public enum ReproMode {
    ALL(-1),
    NOTHING(0),
    RERUN(1),
    REPEAT(2),
    RECOMPUTE(4),
    REPRODUCE(5),
    REPLICATE_SCI(6),
    REPLICATE_COMP(7),
    REPLICATE_TOTAL(8),
    EXPERIMENTAL(9);

    /** ALL's modes, in code order (DALiuGE's {@code ALL_RMODES}). */
    public static final List<ReproMode> ALL_MODES = List.of(
            RERUN, REPEAT, RECOMPUTE, REPRODUCE, REPLICATE_SCI, REPLICATE_COMP, REPLICATE_TOTAL);

    /** Python's {@code int(str)}: blanks around, a sign, digits with single underscores between. */
    private static final Pattern PY_INT = Pattern.compile("\\s*[+-]?\\d+(_\\d+)*\\s*");

    private final int code;

    ReproMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The code as DALiuGE writes it in graphs: {@code "1"}. */
    public String value() {
        return Integer.toString(code);
    }

    /** The modes a drop or graph of this mode computes (DALiuGE's {@code candidate_rmodes}): ALL's seven, else itself. */
    public List<ReproMode> candidates() {
        return this == ALL ? ALL_MODES : List.of(this);
    }

    /** Whether this mode's data covers a data drop's content (DALiuGE's {@code generate_reproduce_data}). */
    public boolean coversContent() {
        return switch (this) {
            case REPRODUCE, REPLICATE_SCI, REPLICATE_COMP, REPLICATE_TOTAL, ALL -> true;
            default -> false;
        };
    }

    /** The mode with this code, or NOTHING. */
    public static ReproMode ofCode(long code) {
        for (ReproMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return NOTHING;
    }

    /**
     * Reads an {@code rmode} as DALiuGE's {@code rflag_caster} does: a code (a number, or text
     * Python's {@code int()} reads, {@code "1"}), or one of ALL's seven names ({@code "RERUN"},
     * {@code "Reproducibility.RERUN"}, case as written). Anything else is NOTHING, as there.
     */
    public static ReproMode cast(Object value) {
        return switch (value) {
            case null -> NOTHING;
            case Boolean b -> b ? RERUN : NOTHING; // Python's True == 1
            case Integer i -> ofCode(i);
            case Long l -> ofCode(l);
            case BigInteger b -> b.bitLength() < 32 ? ofCode(b.longValue()) : NOTHING;
            case Double d -> ofFraction(d);
            case BigDecimal b -> ofFraction(b.doubleValue());
            case String s -> ofText(s);
            default -> NOTHING; // Python raises TypeError in int(): DALiuGE would fail
        };
    }

    private static ReproMode ofFraction(double d) {
        return Double.isFinite(d) ? ofCode((long) d) : NOTHING; // int() truncates
    }

    private static ReproMode ofText(String s) {
        if (PY_INT.matcher(s).matches()) {
            String digits = s.strip().replace("_", "");
            return digits.length() > 12 ? NOTHING : ofCode(Long.parseLong(digits));
        }
        for (ReproMode m : ALL_MODES) {
            if (s.equals(m.name()) || s.equals("Reproducibility." + m.name())) {
                return m;
            }
        }
        return NOTHING;
    }
}
