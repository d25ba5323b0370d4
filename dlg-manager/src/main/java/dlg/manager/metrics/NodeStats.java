package dlg.manager.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A manager's process now, as {@code GET /api/ui/node-stats} answers it and a composite's nodes
 * list shows it: the same sources as {@code process_cpu_usage}, {@code jvm_memory_used_bytes}
 * (heap) and {@code dlg_apps{state="RUNNING"}}, plus the kernel's resident set size.
 *
 * @param cpu the process's share of the machine's CPU time recently (0 to 1), or -1 if unknown
 * @param cores processors the JVM may use
 * @param rss resident memory in bytes, or -1 where the kernel does not say ({@code /proc} missing)
 * @param heapUsed Java heap in use, in bytes
 * @param heapMax the heap's limit in bytes, or -1 if it has none
 * @param runningApps apps running now; null on a composite manager (its nodes run them)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeStats(double cpu, int cores, long rss, long heapUsed, long heapMax, Long runningApps) {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Adds {@code GET /api/ui/node-stats}, answering {@link #now} with {@code runningApps}'s count (or none). */
    public static void route(RoutesConfig r, Supplier<Long> runningApps) {
        r.get("/api/ui/node-stats", ctx -> {
            ctx.contentType("application/json");
            ctx.result(MAPPER.writeValueAsBytes(now(runningApps.get())));
        });
    }

    /** @param runningApps apps running now, or null */
    public static NodeStats now(Long runningApps) {
        double cpu = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu = os.getProcessCpuLoad();
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new NodeStats(cpu < 0 || Double.isNaN(cpu) ? -1 : cpu, Runtime.getRuntime().availableProcessors(),
                residentBytes(), heap.getUsed(), heap.getMax(), runningApps);
    }

    /** {@code VmRSS} of {@code /proc/self/status}, in bytes; -1 without it. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024; // the kernel writes kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
