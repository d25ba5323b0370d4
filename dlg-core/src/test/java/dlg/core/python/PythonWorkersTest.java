package dlg.core.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    void submit_twoCallsInARow_reuseOneWorker() throws Exception {
        try (PythonWorkers pool = new PythonWorkers("python3", 2)) {
            PendingCall one = pool.submit(call("def f():\n    return 'one'"));
            assertThat(text(one.await())).isEqualTo("one");
            PendingCall two = pool.submit(call("def f():\n    return 'two'"));
            assertThat(text(two.await())).isEqualTo("two");

            assertThat(two.pid()).isEqualTo(one.pid());
            assertThat(pool.size()).isEqualTo(1);
        }
    }

    @Test
    void submit_workerExits_failsThatCallAndANewWorkerServesTheNext() throws Exception {
        try (PythonWorkers pool = new PythonWorkers("python3", 1)) {
            PendingCall dies = pool.submit(call("import os\ndef f():\n    os._exit(7)"));
            assertThatThrownBy(dies::await).isInstanceOf(PythonException.class)
                    .hasMessageContaining("the Python worker (pid " + dies.pid() + ") died during the call (exit code 7)");

            PendingCall next = pool.submit(call("def f():\n    return 'alive'"));
            assertThat(text(next.await())).isEqualTo("alive");
            assertThat(next.pid()).isNotEqualTo(dies.pid());
        }
    }

    @Test
    void submit_manyShortCallsOnOneWorker_eachGetsItsOwnAnswerInOrder() throws Exception {
        try (PythonWorkers pool = new PythonWorkers("python3", 1)) {
            List<PendingCall> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) { // short calls: sent while the one before runs
                calls.add(pool.submit(call("def f():\n    return '" + (i % 7) + "'")));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(text(calls.get(i).await())).isEqualTo(String.valueOf(i % 7));
            }
            assertThat(pool.size()).isEqualTo(1);
        }
    }

    @Test
    void submit_aCallQueuedBehindOneWhoseWorkerDies_runsOnAnotherWorker() throws Exception {
        try (PythonWorkers pool = new PythonWorkers("python3", 1)) {
            for (int i = 0; i < 20; i++) { // the function is known as short: the next one is sent behind it
                text(pool.submit(call("import os\ndef f(die=False):\n    if die: os._exit(3)\n    return 'ok'")).await());
            }
            PythonCall dying = call("import os\ndef f(die=False):\n    if die: os._exit(3)\n    return 'ok'");
            dying.header().put("params", Map.of("die", true));
            PendingCall dies = pool.submit(dying);
            PendingCall after = pool.submit(call("import os\ndef f(die=False):\n    if die: os._exit(3)\n    return 'ok'"));

            assertThatThrownBy(dies::await).isInstanceOf(PythonException.class).hasMessageContaining("exit code 3");
            assertThat(text(after.await())).isEqualTo("ok");
        }
    }

    @Test
    void cancel_aQueuedCall_failsItAtOnceAndTheRunningOneGoesOn() throws Exception {
        try (PythonWorkers pool = new PythonWorkers("python3", 1)) {
            PendingCall running = pool.submit(call("import time\ndef f():\n    time.sleep(0.5)\n    return 'done'"));
            PendingCall queued = pool.submit(call("def f():\n    return 'never'"));

            queued.cancel();

            assertThatThrownBy(queued::await).isInstanceOf(PythonException.class)
                    .hasMessage("the call was cancelled before it started");
            assertThat(text(running.await())).isEqualTo("done");
        }
    }

    @Test
    void cancel_theRunningCall_killsItsWorker() throws Exception {
        try (PythonWorkers pool = new PythonWorkers("python3", 1)) {
            PendingCall running = pool.submit(call("import time\ndef f():\n    time.sleep(60)\n    return 'late'"));
            await().atMost(Duration.ofSeconds(10)).until(() -> running.pid() > 0);
            ProcessHandle worker = ProcessHandle.of(running.pid()).orElseThrow();

            running.cancel();

            assertThatThrownBy(running::await).isInstanceOf(PythonException.class).hasMessageContaining("died");
            PendingCall next = pool.submit(call("def f():\n    return 'next'")); // maybe before the kill is reaped
            assertThat(text(next.await())).isEqualTo("next");
            assertThat(next.pid()).as("a killed worker never serves another call").isNotEqualTo(worker.pid());
            worker.onExit().join();
        }
    }

    @Test
    void submit_pythonException_repliesTypeMessageAndTraceback() throws Exception {
        try (PythonWorkers pool = new PythonWorkers("python3", 1)) {
            PythonReply r = pool.submit(call("def f():\n    print('about to fail')\n    raise ValueError('bad value')")).await();

            assertThat(r.ok()).isFalse();
            assertThat(r.error()).startsWith("ValueError: bad value\nTraceback (most recent call last):")
                    .contains("in f");
            assertThat(r.output()).isEqualTo("about to fail\n");
        }
    }

    @Test
    void close_killsEveryWorkerAndFailsTheirCalls() throws Exception {
        PythonWorkers pool = new PythonWorkers("python3", 2);
        PendingCall a = pool.submit(call("import time\ndef f():\n    time.sleep(60)"));
        PendingCall b = pool.submit(call("import time\ndef f():\n    time.sleep(60)"));
        await().atMost(Duration.ofSeconds(10)).until(() -> a.pid() > 0 && b.pid() > 0);
        List<ProcessHandle> handles = List.of(ProcessHandle.of(a.pid()).orElseThrow(), ProcessHandle.of(b.pid()).orElseThrow());

        pool.close();

        for (ProcessHandle h : handles) {
            h.onExit().join();
            assertThat(h.isAlive()).isFalse();
        }
        assertThatThrownBy(a::await).isInstanceOf(PythonException.class);
        assertThatThrownBy(() -> pool.submit(call("def f():\n    return 1"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the Python workers are closed");
    }

    @Test
    void submit_noSuchInterpreter_failsNamingIt() {
        try (PythonWorkers pool = new PythonWorkers("/nonexistent/python9", 1)) {
            assertThatThrownBy(() -> pool.submit(call("def f():\n    return 1")).await()).isInstanceOf(PythonException.class)
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
        try (PythonWorkers pool = new PythonWorkers("python3", 1)) {
            PendingCall busy = pool.submit(call("import time\ndef f():\n    time.sleep(60)"));
            await().atMost(Duration.ofSeconds(10)).until(() -> busy.pid() > 0);
            try (var check = pool.acquireUnbounded()) {
                assertThat(check.pid()).isNotEqualTo(busy.pid());
                assertThat(text(check.call(call("def f():\n    return 'checked'")))).isEqualTo("checked");
            }
        }
    }
}
