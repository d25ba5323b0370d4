package dlg.core.python;

/** A Python component failed: its exception (type, message, traceback), or its worker died. */
public final class PythonException extends RuntimeException {

    public PythonException(String message) {
        super(message);
    }

    public PythonException(String message, Throwable cause) {
        super(message, cause);
    }
}
