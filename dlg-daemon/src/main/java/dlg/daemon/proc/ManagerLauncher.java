package dlg.daemon.proc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Starts {@code dlg <args>} as a new process: the seam between the daemon and the operating system. */
public interface ManagerLauncher {

    /**
     * @param args the {@code dlg} command line, subcommand first
     * @param output the file the process's standard output and error are appended to
     */
    Process start(List<String> args, Path output) throws IOException;
}
