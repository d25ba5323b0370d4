package dlg.manager.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A manager process's ZeroMQ context has one I/O thread unless the system property says more. */
class ProcessZContextTest {

    @Test
    void ioThreads_fromTheSystemProperty_elseOne() {
        String before = System.getProperty(ProcessZContext.IO_THREADS_PROPERTY);
        try {
            System.clearProperty(ProcessZContext.IO_THREADS_PROPERTY);
            assertThat(ProcessZContext.ioThreads()).isEqualTo(1);
            System.setProperty(ProcessZContext.IO_THREADS_PROPERTY, "3");
            assertThat(ProcessZContext.ioThreads()).isEqualTo(3);
            System.setProperty(ProcessZContext.IO_THREADS_PROPERTY, "0");
            assertThat(ProcessZContext.ioThreads()).isEqualTo(1);
            System.setProperty(ProcessZContext.IO_THREADS_PROPERTY, "many");
            assertThat(ProcessZContext.ioThreads()).isEqualTo(1); // not a number: the default
        } finally {
            if (before == null) {
                System.clearProperty(ProcessZContext.IO_THREADS_PROPERTY);
            } else {
                System.setProperty(ProcessZContext.IO_THREADS_PROPERTY, before);
            }
        }
    }
}
