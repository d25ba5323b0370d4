package dlg.manager.repro;

/**
 * The reproducibility data cannot be computed where DALiuGE's would fail too (its code raises a
 * {@code KeyError} or {@code TypeError}): a graph with an rmode whose drops lack the translator's
 * data, such as a mode's object or its {@code lg_blockhash}. The message names the drop and the
 * missing key.
 */
public final class ReproException extends RuntimeException {

    ReproException(String message) {
        super(message);
    }
}
