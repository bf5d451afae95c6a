package dev.vidferry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service spends its CPU while a benchmark loads it: a JFR recording started and dumped with {@code jcmd}
 * (profile settings: a stack sample every 10-20 ms per running thread), summarised as the methods most often on top
 * of the stack and the vidferry frames most often anywhere on it.
 */
final class Profiler {

    private final long pid;
    private final Path file;

    private Profiler(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    static Profiler start(long pid, Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("profile-" + pid + ".jfr");
        jcmd(pid, "JFR.start", "name=vfbench", "settings=profile", "filename=" + file);
        return new Profiler(pid, file);
    }

    /** Stops the recording and returns "top frames" and "vidferry frames" summaries (share of samples). */
    String stop(int top) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=vfbench");
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> ours = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            frames.stream().map(Profiler::name).filter(n -> n.startsWith("dev.vidferry.")).distinct()
                    .forEach(n -> ours.merge(n, 1, Integer::sum));
        }
        Files.deleteIfExists(file);
        return samples + " CPU samples; on top of the stack: " + share(self, samples, top)
                + "; vidferry methods on the stack: " + share(ours, samples, top);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String share(Map<String, Integer> counts, int samples, int top) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .map(e -> String.format("`%s` %.0f%%", e.getKey().replaceAll("^.*\\.([^.]+\\.[^.]+)$", "$1"),
                        100.0 * e.getValue() / Math.max(1, samples)))
                .reduce((a, b) -> a + ", " + b).orElse("none");
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        String[] args = new String[command.length + 2];
        args[0] = "jcmd";
        args[1] = String.valueOf(pid);
        System.arraycopy(command, 0, args, 2, command.length);
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + out);
        }
    }
}
