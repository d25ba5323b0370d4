package dlg.core.runtime;

/**
 * @param releaseData release an expire-after-use drop's data (and mark it EXPIRED) as soon as all
 *     its consumers have finished, so that a huge graph never holds all its data at once; off is
 *     DALiuGE's {@code --no-dlm}
 */
public record ExecutionOptions(boolean releaseData) {

    public static final ExecutionOptions DEFAULT = new ExecutionOptions(true);
}
