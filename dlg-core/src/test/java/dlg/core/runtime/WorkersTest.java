package dlg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkersTest {

    private static Thread threadOf(java.util.concurrent.Executor e) throws Exception {
        CompletableFuture<Thread> t = new CompletableFuture<>();
        e.execute(() -> t.complete(Thread.currentThread()));
        return t.get(10, TimeUnit.SECONDS);
    }

    @Test
    void create_computeThreadsAreNamedPlatformThreads_waitingThreadsAreVirtual() throws Exception {
        try (Workers w = Workers.create(2)) {
            Thread compute = threadOf(w.compute());
            Thread waiting = threadOf(w.waiting());

            assertThat(compute.isVirtual()).isFalse();
            assertThat(compute.getName()).startsWith("dlg-app-");
            assertThat(waiting.isVirtual()).isTrue();
            assertThat(waiting.getName()).startsWith("dlg-wait-");
        }
    }

    @Test
    void create_zero_meansOnePerProcessor() throws Exception {
        try (Workers w = Workers.create(0)) {
            assertThat(threadOf(w.compute()).getName()).startsWith("dlg-app-");
        }
    }

    @Test
    void create_negative_isRefused() {
        assertThatThrownBy(() -> Workers.create(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void close_stopsOwnedExecutors() {
        Workers w = Workers.create(1);
        w.close();

        assertThatThrownBy(() -> w.compute().execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> w.waiting().execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void close_leavesExecutorsOwnedByOthersAlone() throws Exception {
        java.util.concurrent.ExecutorService mine = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            new Workers(mine, mine).close();

            assertThat(mine.isShutdown()).isFalse();
            assertThat(threadOf(mine)).isNotNull();
        } finally {
            mine.shutdownNow();
            assertThat(mine.awaitTermination(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void constructor_refusesNulls() {
        assertThatThrownBy(() -> new Workers(null, Runnable::run)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Workers(Runnable::run, null)).isInstanceOf(NullPointerException.class);
    }
}
