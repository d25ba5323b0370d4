package dlg.manager.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dlg.core.state.AppState;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

/** The registry is made by the first scrape; what ends before it is not timed. */
class MetricsTest {

    @Test
    void started_beforeAnyScrape_isNull_andBindersWait() {
        try (Metrics m = new Metrics()) {
            boolean[] bound = new boolean[1];
            m.bind(r -> bound[0] = true);

            assertThat(m.started()).isNull();
            assertThat(bound[0]).isFalse();

            m.scrape();

            assertThat(m.started()).isNotNull();
            assertThat(bound[0]).isTrue();
        }
    }

    @Test
    void scrape_hasTheJvmsMetricsAndWhatBindersAdd() {
        try (Metrics m = new Metrics()) {
            m.bind(r -> Counter.builder("dlg.test.things").register(r).increment(3));

            assertThat(m.scrape()).contains("# TYPE jvm_memory_used_bytes gauge", "process_cpu_usage",
                    "jvm_threads_live_threads", "dlg_test_things_total 3.0");
        }
    }

    @Test
    void bind_afterTheFirstScrape_bindsAtOnce() {
        try (Metrics m = new Metrics()) {
            m.scrape();

            m.bind(r -> Counter.builder("dlg.late").register(r).increment());

            assertThat(m.scrape()).contains("dlg_late_total 1.0");
        }
    }

    @Test
    void appDurations_beforeTheFirstScrape_notTimed_after_timedByClassAndOutcome() {
        try (Metrics m = new Metrics()) {
            AppDurations d = new AppDurations(m);
            d.ran("a.B", 5, AppState.FINISHED);

            m.scrape();
            d.ran("a.B", 5, AppState.FINISHED);
            d.ran("a.B", 2_000, AppState.FINISHED);
            d.ran("a.B", 7, AppState.ERROR);

            String text = m.scrape();
            assertThat(text).contains("dlg_app_duration_seconds_count{class=\"a.B\",outcome=\"FINISHED\"} 2")
                    .contains("dlg_app_duration_seconds_count{class=\"a.B\",outcome=\"ERROR\"} 1")
                    .contains("dlg_app_duration_seconds_bucket{class=\"a.B\",outcome=\"FINISHED\",le=\"0.01\"} 1")
                    .contains("dlg_app_duration_seconds_bucket{class=\"a.B\",outcome=\"FINISHED\",le=\"10.0\"} 2");
        }
    }

    @Test
    void scrape_afterClose_throws() {
        Metrics m = new Metrics();
        m.close();

        assertThatThrownBy(m::scrape).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
