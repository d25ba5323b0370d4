package dlg.core.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PythonWorkersTest {

    @BeforeEach
    void needsPython() {
        Pythons.assumePython();
    }

    /** A call of source {@code code} defining {@code f}, its output as utf-8 text. */
    private static PythonCall call(String code) {
        Map<String, Object> h = new HashMap<>();
        h.put("func_name", "f");
        h.put("func_code", code);
        h.put("app_args", List.of());
        h.put("params", Map.of());
        h.put("inputs", List.of());
        Map<String, Object> out = new HashMap<>();
        out.put("port", null);
        out.put("encoding", "utf-8");
        h.put("outputs", List.of(out));
        return new PythonCall(h, List.of());
    }

    private static String text(PythonReply r) {
        assertThat(r.ok()).as("%s", r.error()).isTrue();
        return new String(r.frames().getFirst(), StandardCharsets.UTF_8);
    }

    @Test
    void acquire_twoCallsInARow_reuseOneWorker() throws Exception {
        try (PythonWorkers pool = new PythonWorkers("python3", 2)) {
            long first;
            try (var lease = pool.acquire()) {
                first = lease.pid();
                assertThat(text(lease.call(call("def f():\n    return 'one'")))).isEqualTo("one");
            }
            try (var lease = pool.acquire()) {
                assertThat(lease.pid()).isEqualTo(first);
                assertThat(text(lease.call(call("def f():\n    return 'two'")))).isEqualTo("two");
            }
            assertThat(pool.size()).isEqualTo(1);
        }
    }

    @Test
    void call_workerExits_failsThatCallAndANewWorkerServesTheNext() throws Exception {
        try (PythonWorkers pool = new PythonWorkers("python3", 1)) {
            long dead;
            try (var lease = pool.acquire()) {
                dead = lease.pid();
                assertThatThrownBy(() -> lease.call(call("import os\ndef f():\n    os._exit(7)")))
                        .isInstanceOf(PythonException.class)
                        .hasMessageContaining("the Python worker (pid " + dead + ") died during the call (exit code 7)");
            }
            try (var lease = pool.acquire()) {
                assertThat(lease.pid()).isNotEqualTo(dead);
                assertThat(text(lease.call(call("def f():\n    return 'alive'")))).isEqualTo("alive");
            }
        }
    }

    @Test
    void kill_thenGivenBackAtOnce_neverServesAnotherCall() throws Exception {
        try (PythonWorkers pool = new PythonWorkers("python3", 1)) {
            long killed;
            try (var lease = pool.acquire()) {
                killed = lease.pid();
                lease.kill(); // given back before the process is surely reaped
            }
            try (var lease = pool.acquire()) {
                assertThat(lease.pid()).isNotEqualTo(killed);
                assertThat(text(lease.call(call("def f():\n    return 'fresh'")))).isEqualTo("fresh");
            }
        }
    }

    @Test
    void call_pythonException_repliesTypeMessageAndTraceback() throws Exception {
        try (PythonWorkers pool = new PythonWorkers("python3", 1); var lease = pool.acquire()) {
            PythonReply r = lease.call(call("def f():\n    print('about to fail')\n    raise ValueError('bad value')"));

            assertThat(r.ok()).isFalse();
            assertThat(r.error()).startsWith("ValueError: bad value\nTraceback (most recent call last):")
                    .contains("in f");
            assertThat(r.output()).isEqualTo("about to fail\n");
        }
    }

    @Test
    void close_killsEveryWorker() throws Exception {
        PythonWorkers pool = new PythonWorkers("python3", 2);
        List<ProcessHandle> handles = new ArrayList<>();
        try (var a = pool.acquire(); var b = pool.acquire()) {
            handles.add(ProcessHandle.of(a.pid()).orElseThrow());
            handles.add(ProcessHandle.of(b.pid()).orElseThrow());
        }

        pool.close();

        for (ProcessHandle h : handles) {
            h.onExit().join();
            assertThat(h.isAlive()).isFalse();
        }
        assertThatThrownBy(pool::acquire).isInstanceOf(IllegalStateException.class)
                .hasMessage("the Python workers are closed");
    }

    @Test
    void acquire_noSuchInterpreter_failsNamingIt() {
        try (PythonWorkers pool = new PythonWorkers("/nonexistent/python9", 1)) {
            assertThatThrownBy(pool::acquire).isInstanceOf(PythonException.class)
                    .hasMessageStartingWith("cannot start the Python interpreter '/nonexistent/python9'"
                            + " (set it with --python or DLG_PYTHON)");
        }
    }

    @Test
    void fromEnvironment_dlgPython_isTheInterpreter() {
        assertThat(PythonWorkers.fromEnvironment(Map.of("DLG_PYTHON", "/opt/venv/bin/python"), 1).python())
                .isEqualTo("/opt/venv/bin/python");
        assertThat(PythonWorkers.fromEnvironment(Map.of(), 1).python()).isEqualTo("python3");
    }

    @Test
    void acquireUnbounded_whileEveryCallSlotIsTaken_getsAWorkerAnyway() throws Exception {
        try (PythonWorkers pool = new PythonWorkers("python3", 1); var busy = pool.acquire();
             var check = pool.acquireUnbounded()) {
            assertThat(check.pid()).isNotEqualTo(busy.pid());
            assertThat(text(check.call(call("def f():\n    return 'checked'")))).isEqualTo("checked");
        }
    }
}
