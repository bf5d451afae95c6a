package dev.vidferry.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.Yaml;

/** The Kubernetes documents of deploy/kubernetes, rendered by {@code kubectl kustomize}, and ways to look into them. */
final class Manifests {

    static final Path ROOT = findRoot();
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    static final String KUBECTL = Optional.ofNullable(System.getenv("KUBECTL")).orElse("kubectl");

    private Manifests() {
    }

    /** The documents {@code kubectl kustomize <dir>} renders; fails with kubectl's message when it cannot. */
    static List<Map<String, Object>> render(Path dir) {
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Process process = new ProcessBuilder(KUBECTL, "kustomize", dir.toString()).redirectErrorStream(false)
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + errors);
            }
            List<Map<String, Object>> documents = parse(Files.readString(out));
            Files.delete(out);
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether kubectl runs here at all. */
    static boolean kubectlPresent() {
        try {
            Process process = new ProcessBuilder(KUBECTL, "version", "--client").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    static String kind(Map<String, Object> document) {
        return (String) document.get("kind");
    }

    static String name(Map<String, Object> document) {
        return (String) map(document, "metadata").get("name");
    }

    /** The one document of {@code kind} named {@code name}, if any. */
    static Optional<Map<String, Object>> find(List<Map<String, Object>> documents, String kind, String name) {
        return documents.stream().filter(d -> kind.equals(kind(d)) && name.equals(name(d))).findFirst();
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(kind(d))).toList();
    }

    /** The pod spec of a Deployment or a CronJob. */
    static Map<String, Object> podSpec(Map<String, Object> workload) {
        Map<String, Object> spec = map(workload, "spec");
        if ("CronJob".equals(kind(workload))) {
            spec = map(map(spec, "jobTemplate"), "spec");
        }
        return map(map(spec, "template"), "spec");
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return list(podSpec(workload), "containers");
    }

    /** The name a kustomize generator gave before its hash suffix ({@code vidferry-db-9b52g8cf46} -> vidferry-db). */
    static String unhashed(String name) {
        return name.replaceFirst("-[a-z0-9]{10}$", "");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof List<?> ? (List<Map<String, Object>>) value : List.of();
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/kubernetes"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("deploy/kubernetes not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
