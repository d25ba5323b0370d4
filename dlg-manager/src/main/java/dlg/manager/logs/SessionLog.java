package dlg.manager.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.encoder.Encoder;
import java.util.List;

/**
 * What is kept of one session: its file while it is open, its drops' last entries until it is
 * forgotten (the drop-log route is used mostly after a session failed).
 *
 * <p>Threading: {@link #append} runs on any logging thread and locks nothing of its own (see
 * {@link SessionFile} and {@link DropLogs}); {@link #open} and {@link #close} are serialized by
 * SessionLogs. An event racing with close is either written in full or left out.
 */
final class SessionLog {

    private final Encoder<ILoggingEvent> encoder;
    private final DropLogs drops;
    private volatile SessionFile file;

    SessionLog(Encoder<ILoggingEvent> encoder, DropLogs drops) {
        this.encoder = encoder;
        this.drops = drops;
    }

    boolean isOpen() {
        return file != null;
    }

    void open(SessionFile newFile) {
        file = newFile;
    }

    void append(ILoggingEvent event, String oid) {
        SessionFile f = file;
        if (f == null) {
            return; // closed meanwhile
        }
        f.write(encoder.encode(event), event.getLevel().isGreaterOrEqual(Level.WARN));
        if (oid != null) {
            drops.add(oid, entry(event));
        }
    }

    void flush() {
        SessionFile f = file;
        if (f != null) {
            f.flush();
        }
    }

    void close() {
        SessionFile f = file;
        file = null;
        if (f != null) {
            f.close();
        }
    }

    List<DropLogEntry> entries(String oid) {
        return drops.entries(oid);
    }

    private static DropLogEntry entry(ILoggingEvent event) {
        String message = event.getFormattedMessage(); // already formatted, and kept, by the encoder
        IThrowableProxy t = event.getThrowableProxy();
        if (t != null) {
            message += "\n" + t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return new DropLogEntry(event.getInstant(), event.getLevel().toString(), event.getLoggerName(), "", 0,
                message);
    }
}
