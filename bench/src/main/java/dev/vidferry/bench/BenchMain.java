package dev.vidferry.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmarks {@code bin/vidferry bench [name...] [--quick]} asked for against the stack it started, prints
 * each result, and writes the report: full runs append to {@code docs/benchmarks.md} (charts beside it), quick runs
 * write {@code bench-quick.md} in the bench's stack directory. Exits 1 when a result is not sane (wrong, not slow).
 */
public final class BenchMain {

    /** The order keeps the long tails (P4 and P3 leave thousands of queued jobs) last. */
    static final List<Benchmark> ALL = List.of(new TransferBench(), new DispatchBench(), new ProgressBench(),
            new ScaleOutBench(), new RecoveryBench(), new FolderScanBench(), new ApiBench());

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<String> names = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else {
                names.add(arg.toLowerCase());
            }
        }
        List<Benchmark> selected = ALL.stream().filter(b -> names.isEmpty() || names.contains(b.id().toLowerCase())
                || names.contains(b.name())).toList();
        if (selected.isEmpty()) {
            System.err.println("unknown benchmark " + names + "; known: "
                    + ALL.stream().map(b -> b.id().toLowerCase() + "|" + b.name()).toList());
            System.exit(2);
        }
        BenchContext ctx = new BenchContext(quick);
        ctx.emulator.setQuotaLimits(Map.of("videos.insert", 100_000_000L, "default", 1_000_000_000L));
        ctx.emulator.setUploadsPerChannelPerDay(100_000_000);
        Report report = new Report();
        String loadBefore = load();
        long start = System.nanoTime();
        for (Benchmark bench : selected) {
            long t0 = System.nanoTime();
            System.out.println("== " + bench.id() + " " + bench.name());
            try {
                bench.run(ctx, report);
            } catch (Exception | AssertionError e) {
                e.printStackTrace();
                report.fail(bench.id(), "did not complete: " + e);
            }
            report.note(bench.id(), String.format("took %.1f s.", (System.nanoTime() - t0) / 1e9));
        }
        double total = (System.nanoTime() - start) / 1e9;
        String markdown = markdown(ctx, report, selected, loadBefore, load(), total);
        write(ctx, report, markdown);
        if (!report.failures.isEmpty()) {
            System.err.println("bench: not sane:\n  " + String.join("\n  ", report.failures));
            System.exit(1);
        }
        System.exit(0); // the SSE reader and HTTP client threads must not keep the JVM alive
    }

    private static void write(BenchContext ctx, Report report, String markdown) throws IOException {
        Instant now = Instant.now();
        if (ctx.quick) {
            Path dir = Path.of(System.getProperty("bench.pids")).getParent();
            List<Map.Entry<String, Path>> charts = Charts.render(report, dir, "bench-quick");
            StringBuilder text = new StringBuilder(markdown);
            charts.forEach(c -> text.append("\n![").append(c.getKey()).append("](").append(c.getValue().getFileName())
                    .append(")\n"));
            Files.writeString(dir.resolve("bench-quick.md"), text);
            System.out.println(text);
            return;
        }
        Path docs = ctx.root.resolve("docs");
        Path images = Files.createDirectories(docs.resolve("benchmarks"));
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(ZoneOffset.UTC).format(now);
        List<Map.Entry<String, Path>> charts = Charts.render(report, images, stamp);
        StringBuilder text = new StringBuilder(markdown);
        charts.forEach(c -> text.append("\n![").append(c.getKey()).append("](benchmarks/")
                .append(c.getValue().getFileName()).append(")\n"));
        Files.writeString(docs.resolve("benchmarks.md"), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        System.out.println(text);
    }

    private static String markdown(BenchContext ctx, Report report, List<Benchmark> selected, String loadBefore,
            String loadAfter, double seconds) {
        StringBuilder out = new StringBuilder();
        out.append("\n## ").append(ctx.quick ? "Quick run" : "Benchmarks").append(" ")
                .append(selected.stream().map(Benchmark::id).reduce((a, b) -> a + ", " + b).orElse(""))
                .append(" (issue #16) — ")
                .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                        .format(Instant.now()))
                .append("\n\n");
        out.append("`bin/vidferry bench").append(ctx.quick ? " --quick" : "").append("`, ").append(String.format(
                "%.0f s. ", seconds)).append("Machine: ").append(machine()).append("; load average ")
                .append(loadBefore).append(" before, ").append(loadAfter).append(" after. Commit ")
                .append(System.getProperty("bench.commit", "?")).append(". Services: ")
                .append(System.getProperty("bench.java", "?")).append(", `")
                .append(System.getProperty("bench.serviceFlags", "?")).append("` (full JIT), worker concurrency ")
                .append(BenchContext.SLOTS_PER_WORKER).append(", chunk 8 MiB; harness `")
                .append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X")).toList()))
                .append("`; emulator throttling is per request, each way. Ratios are measured side by side in this run.")
                .append("\n\n");
        out.append(report.table());
        if (!report.notes.isEmpty()) {
            out.append("\n");
            report.notes.forEach(n -> out.append("- ").append(n).append("\n"));
        }
        if (!report.failures.isEmpty()) {
            out.append("\nNot sane: ").append(String.join("; ", report.failures)).append("\n");
        }
        return out.toString();
    }

    private static String machine() {
        String cpu = "?";
        String mem = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB").findFirst().orElse("?");
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + mem;
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
