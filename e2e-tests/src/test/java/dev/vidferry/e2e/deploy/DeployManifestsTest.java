package dev.vidferry.e2e.deploy;

import static dev.vidferry.e2e.deploy.Manifests.containers;
import static dev.vidferry.e2e.deploy.Manifests.find;
import static dev.vidferry.e2e.deploy.Manifests.kind;
import static dev.vidferry.e2e.deploy.Manifests.list;
import static dev.vidferry.e2e.deploy.Manifests.map;
import static dev.vidferry.e2e.deploy.Manifests.name;
import static dev.vidferry.e2e.deploy.Manifests.ofKind;
import static dev.vidferry.e2e.deploy.Manifests.podSpec;
import static dev.vidferry.e2e.deploy.Manifests.unhashed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.vidferry.model.event.Topics;

/**
 * deploy/kubernetes checked offline (no cluster here): every overlay renders with {@code kubectl kustomize}, and
 * what the manifests promise matches what the services read, serve and are built as.
 */
class DeployManifestsTest {

    /** Kubernetes name of each service -> its module. */
    private static final Map<String, String> SERVICES = Map.of("vidferry-api", "api-service", "vidferry-worker",
            "worker-service", "vidferry-scheduler", "scheduler-service");
    private static final List<String> OVERLAYS = List.of("dev", "prod", "prod-plain");
    /** The apiVersion of every kind we ship; Strimzi 1.0 accepts only kafka.strimzi.io/v1. */
    private static final Map<String, String> API_VERSIONS = Map.ofEntries(Map.entry("ConfigMap", "v1"),
            Map.entry("Secret", "v1"), Map.entry("Service", "v1"), Map.entry("Deployment", "apps/v1"),
            Map.entry("CronJob", "batch/v1"), Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"), Map.entry("ScaledObject", "keda.sh/v1alpha1"),
            Map.entry("TriggerAuthentication", "keda.sh/v1alpha1"), Map.entry("KafkaTopic", "kafka.strimzi.io/v1"));
    /** Set by quarkus-kubernetes on every container (for kubernetes-config, which we don't use); no app reads it. */
    private static final Set<String> NOT_APP_CONFIG = Set.of("KUBERNETES_NAMESPACE");
    private static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");

    private static final Map<String, List<Map<String, Object>>> rendered = new HashMap<>();

    @BeforeAll
    static void render() {
        assumeTrue(Manifests.kubectlPresent(),
                "kubectl is not installed (set KUBECTL or install it): the Kubernetes manifests are NOT checked");
        for (String overlay : OVERLAYS) {
            rendered.put(overlay, Manifests.render(Manifests.KUBERNETES.resolve("overlays").resolve(overlay)));
        }
    }

    @Test
    void everyOverlayRendersToTheKindsAndApiVersionsWeShip() {
        Map<String, Set<String>> expected = Map.of(
                "dev", Set.of("ConfigMap", "Secret", "Service", "Deployment", "PodDisruptionBudget", "NetworkPolicy"),
                "prod", Set.of("ConfigMap", "Service", "Deployment", "PodDisruptionBudget", "NetworkPolicy",
                        "ScaledObject", "TriggerAuthentication", "KafkaTopic"),
                "prod-plain", Set.of("ConfigMap", "Service", "Deployment", "CronJob", "PodDisruptionBudget",
                        "NetworkPolicy", "HorizontalPodAutoscaler"));
        for (String overlay : OVERLAYS) {
            List<Map<String, Object>> documents = rendered.get(overlay);
            for (Map<String, Object> document : documents) {
                assertThat(name(document)).as(overlay + ": every document has a name").isNotBlank();
                assertThat(document.get("apiVersion")).as(overlay + " " + kind(document) + " " + name(document))
                        .isEqualTo(API_VERSIONS.get(kind(document)));
            }
            assertThat(documents.stream().map(Manifests::kind).collect(Collectors.toSet())).as(overlay)
                    .isEqualTo(expected.get(overlay));
            assertThat(find(documents, "Deployment", "vidferry-api")).as(overlay).isPresent();
            assertThat(find(documents, "Deployment", "vidferry-worker")).as(overlay).isPresent();
        }
        assertThat(find(rendered.get("prod"), "Deployment", "vidferry-scheduler")).isPresent();
        assertThat(find(rendered.get("prod-plain"), "Deployment", "vidferry-scheduler"))
                .as("the CronJob replaces the scheduler's Deployment").isEmpty();
    }

    @Test
    void committedGeneratedManifestsAreTheOnesTheBuildGenerates() throws IOException {
        int compared = 0;
        for (var service : SERVICES.entrySet()) {
            Path committed = Manifests.KUBERNETES.resolve("base/generated/" + service.getKey() + ".yml");
            List<String> lines = Files.readAllLines(committed);
            assertThat(lines.get(0)).startsWith("# GENERATED by quarkus-kubernetes");
            Path module = Manifests.ROOT.resolve(service.getValue());
            Path built = module.resolve("target/kubernetes/kubernetes.yml");
            if (!Files.exists(module.resolve("target/quarkus-app/quarkus-run.jar"))) {
                continue; // not packaged in this build (e.g. `test` only): nothing to compare with
            }
            assertThat(built).as("quarkus-kubernetes runs at package time").exists();
            String body = String.join("\n", lines.stream().dropWhile(line -> line.startsWith("#")).toList());
            assertThat(body.strip())
                    .as(committed + " differs from " + built + ": run deploy/generate.sh and commit")
                    .isEqualTo(Files.readString(built).strip());
            compared++;
        }
        assumeTrue(compared > 0, "no service is packaged: generated manifests not compared with the build");
    }

    @Test
    void everyEnvironmentVariableAndSecretKeyIsAConfigKeyTheServiceReads() {
        Map<String, Map<String, Object>> secrets = devSecrets();
        List<String> problems = new ArrayList<>();
        for (String overlay : OVERLAYS) {
            List<Map<String, Object>> documents = rendered.get(overlay);
            for (Map<String, Object> workload : workloads(documents)) {
                String module = SERVICES.get(name(workload));
                ConfigKeys keys = ConfigKeys.of(module);
                Map<String, String> origin = new HashMap<>();
                for (Map<String, Object> container : containers(workload)) {
                    for (Map<String, Object> env : list(container, "env")) {
                        origin.put((String) env.get("name"), "env");
                    }
                    for (Map<String, Object> from : list(container, "envFrom")) {
                        boolean secret = from.containsKey("secretRef");
                        String ref = (String) map(from, secret ? "secretRef" : "configMapRef").get("name");
                        Map<String, Object> source = secret
                                ? secrets.get(unhashed(ref))
                                : find(documents, "ConfigMap", ref).orElse(null);
                        if (source == null) {
                            problems.add(overlay + " " + name(workload) + ": envFrom " + ref + " is not defined"
                                    + (secret ? " (overlays/dev must generate every Secret)" : ""));
                            continue;
                        }
                        for (String key : map(source, "data").keySet()) {
                            String previous = origin.put(key, ref);
                            if (previous != null) {
                                problems.add(overlay + " " + name(workload) + ": " + key + " set by both " + previous
                                        + " and " + ref);
                            }
                        }
                    }
                }
                origin.forEach((env, from) -> {
                    if (!NOT_APP_CONFIG.contains(env) && !keys.reads(env)) {
                        problems.add(overlay + " " + name(workload) + ": " + env + " (" + from + ") is no config key of "
                                + module);
                    }
                });
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void mapsEnvironmentNamesTheSmallRyeWay() {
        assertThat(ConfigKeys.matches("VIDFERRY_WORKER_SHUTDOWN_GRACE", "vidferry.worker.shutdown-grace")).isTrue();
        assertThat(ConfigKeys.matches("VIDFERRY_CRYPTO_KEYS_DEV", "vidferry.crypto.keys.*")).isTrue();
        assertThat(ConfigKeys.matches("VIDFERRY_WORKER_GRACE", "vidferry.worker.shutdown-grace")).isFalse();
        assertThat(ConfigKeys.of("worker-service").reads("VIDFERRY_WORKER_CONCURRENCY")).isTrue();
        assertThat(ConfigKeys.of("api-service").reads("VIDFERRY_WORKER_CONCURRENCY")).isFalse();
    }

    @Test
    void probesAskTheHealthEndpointsOnTheServicesOwnPort() throws IOException {
        for (String overlay : OVERLAYS) {
            for (Map<String, Object> workload : ofKind(rendered.get(overlay), "Deployment")) {
                String module = SERVICES.get(name(workload));
                if (module == null) {
                    continue; // the dev emulator
                }
                assertThat(Files.readString(Manifests.ROOT.resolve(module).resolve("pom.xml")))
                        .as(module + " serves /q/health").contains("<artifactId>quarkus-smallrye-health</artifactId>");
                Properties properties = properties(module);
                assertThat(properties.stringPropertyNames()).as(module + " keeps the default health paths")
                        .noneMatch(key -> key.contains("smallrye-health.") && key.endsWith("path")
                                || key.contains("non-application-root-path"));
                int port = Integer.parseInt(properties.getProperty("quarkus.http.port"));
                Map<String, Object> container = containers(workload).get(0);
                assertThat(list(container, "ports")).extracting(p -> p.get("containerPort")).contains(port);
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    Map<String, Object> http = map(map(container, probe), "httpGet");
                    assertThat(http.get("path")).as(overlay + " " + module + " " + probe).isIn(HEALTH_PATHS);
                    assertThat(http.get("port")).as(overlay + " " + module + " " + probe).isEqualTo(port);
                }
            }
        }
    }

    @Test
    void imagesAreTheOnesTheBuildAndComposeMake() throws IOException {
        String version = projectVersion();
        Map<String, String> composeImages = composeImages();
        for (String overlay : OVERLAYS) {
            for (Map<String, Object> workload : workloads(rendered.get(overlay))) {
                String module = SERVICES.get(name(workload));
                String image = (String) containers(workload).get(0).get("image");
                assertThat(image).as(overlay + " " + name(workload))
                        .isEqualTo("docker.io/vidferry/" + module + ":" + version);
                assertThat(Manifests.ROOT.resolve(module).resolve("src/main/docker/Dockerfile.jvm")).exists();
                assertThat(composeImages.get(module)).as("docker-compose.yml image of " + module)
                        .isEqualTo("docker.io/vidferry/" + module + ":${VIDFERRY_TAG:-" + version + "}");
            }
        }
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootFilesystemWithTmpOnAnEmptyDir() {
        for (String overlay : OVERLAYS) {
            List<Map<String, Object>> pods = new ArrayList<>(ofKind(rendered.get(overlay), "Deployment"));
            pods.addAll(ofKind(rendered.get(overlay), "CronJob"));
            for (Map<String, Object> workload : pods) {
                String what = overlay + " " + kind(workload) + " " + name(workload);
                Map<String, Object> pod = podSpec(workload);
                assertThat(map(pod, "securityContext").get("runAsNonRoot")).as(what).isEqualTo(true);
                assertThat(pod.get("automountServiceAccountToken")).as(what).isEqualTo(false);
                Set<String> emptyDirs = list(pod, "volumes").stream().filter(v -> v.containsKey("emptyDir"))
                        .map(v -> (String) v.get("name")).collect(Collectors.toSet());
                for (Map<String, Object> container : containers(workload)) {
                    Map<String, Object> security = map(container, "securityContext");
                    assertThat(security.get("readOnlyRootFilesystem")).as(what).isEqualTo(true);
                    assertThat(security.get("allowPrivilegeEscalation")).as(what).isEqualTo(false);
                    assertThat(list(container, "volumeMounts")).as(what + " mounts an emptyDir at /tmp")
                            .anyMatch(m -> "/tmp".equals(m.get("mountPath")) && emptyDirs.contains(m.get("name")));
                }
            }
        }
    }

    @Test
    void workersGetMoreThanTheirShutdownGraceToHandJobsBack() {
        for (String overlay : OVERLAYS) {
            List<Map<String, Object>> documents = rendered.get(overlay);
            Map<String, Object> worker = find(documents, "Deployment", "vidferry-worker").orElseThrow();
            Duration grace = Duration.ofSeconds(((Number) podSpec(worker).get("terminationGracePeriodSeconds"))
                    .longValue());
            Duration shutdown = duration(workerSetting(documents, "VIDFERRY_WORKER_SHUTDOWN_GRACE", "shutdownGrace"));
            assertThat(grace).as(overlay + ": terminationGracePeriodSeconds vs vidferry.worker.shutdown-grace + 10s "
                    + "for Quarkus to close Kafka and the pools").isGreaterThanOrEqualTo(shutdown.plusSeconds(10));
            assertThat(find(documents, "PodDisruptionBudget", "vidferry-worker")).as(overlay).isPresent();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void kedaScalesOnWhatWorkersClaimInPostgresBySlotsPerWorker() throws Exception {
        List<Map<String, Object>> documents = rendered.get("prod");
        Map<String, Object> scaled = find(documents, "ScaledObject", "vidferry-worker").orElseThrow();
        Map<String, Object> spec = map(scaled, "spec");
        assertThat(map(spec, "scaleTargetRef").get("name")).isEqualTo("vidferry-worker");
        Map<String, Object> trigger = list(spec, "triggers").get(0);
        assertThat(trigger.get("type")).as("the backlog is in PostgreSQL, Kafka lag is ~0").isEqualTo("postgresql");
        Map<String, Object> metadata = map(trigger, "metadata");
        String query = (String) metadata.get("query");
        assertThat(query).as("the worker's claim rule, verbatim").contains(workerSql("CLAIMABLE"));
        assertThat(query).as("jobs under a live lease count too").contains(
                "j.status IN ('downloading', 'uploading') AND j.lease_expires_at >= now()");
        assertThat(metadata.get("targetQueryValue")).as("slots per worker")
                .isEqualTo(workerSetting(documents, "VIDFERRY_WORKER_CONCURRENCY", "concurrency"));

        URI database = URI.create(((String) configMap(documents, "vidferry-common").get(
                "QUARKUS_DATASOURCE_REACTIVE_URL")));
        assertThat(metadata.get("host")).as("KEDA asks the database the workers use").isEqualTo(database.getHost());
        assertThat(metadata.get("port")).isEqualTo(String.valueOf(database.getPort()));
        assertThat(metadata.get("dbName")).isEqualTo(database.getPath().substring(1));

        String auth = (String) map(trigger, "authenticationRef").get("name");
        Map<String, Object> secretRef = list(map(find(documents, "TriggerAuthentication", auth).orElseThrow(), "spec"),
                "secretTargetRef").get(0);
        assertThat(secretRef.get("name")).isEqualTo("vidferry-db");
        assertThat(map(devSecrets().get("vidferry-db"), "data")).containsKey((String) secretRef.get("key"));

        Map<String, Object> hpa = find(rendered.get("prod-plain"), "HorizontalPodAutoscaler", "vidferry-worker")
                .orElseThrow();
        assertThat(map(hpa, "spec").get("maxReplicas")).as("the CPU alternative has the same bounds")
                .isEqualTo(spec.get("maxReplicaCount"));
        assertThat(map(hpa, "spec").get("minReplicas")).isEqualTo(spec.get("minReplicaCount"));
    }

    @Test
    void topicsAreTheOnesTopicBootstrapCreatesWithTheScriptsSettings() throws Exception {
        Map<String, Integer> expected = new TreeMap<>();
        Topics.ALL.forEach(topic -> expected.put(topic.name(), topic.partitions()));

        Map<String, String> strimzi = new TreeMap<>();
        Map<String, Integer> partitions = new TreeMap<>();
        for (Map<String, Object> topic : ofKind(rendered.get("prod"), "KafkaTopic")) {
            Map<String, Object> spec = map(topic, "spec");
            assertThat(map(map(topic, "metadata"), "labels").get("strimzi.io/cluster")).isEqualTo("vidferry");
            partitions.put((String) spec.get("topicName"), (Integer) spec.get("partitions"));
            strimzi.put((String) spec.get("topicName"), spec.get("partitions") + " " + spec.get("replicas") + " "
                    + new TreeMap<>(map(spec, "config")));
        }
        assertThat(partitions).as("KafkaTopics vs common-model Topics.ALL").isEqualTo(expected);

        Map<String, String> script = new TreeMap<>();
        for (String line : run(Manifests.ROOT.resolve("deploy/kafka/create-topics.sh").toString(), "--print")) {
            String[] fields = line.trim().split("\\s+");
            Map<String, Object> config = new TreeMap<>();
            for (String pair : fields[3].split(",")) {
                String[] kv = pair.split("=", 2);
                config.put(kv[0], Long.valueOf(kv[1]));
            }
            script.put(fields[0], fields[1] + " " + fields[2] + " " + config);
        }
        assertThat(script).as("deploy/kafka/create-topics.sh vs the KafkaTopics").isEqualTo(strimzi);
        assertThat(strimzi.get(Topics.JOB_REQUESTED_DLQ)).as("the DLQ is kept").isNotNull();
    }

    @Test
    void theSchedulerCronJobRunsOnceWithTheDeploymentsImageAndConfig() {
        Map<String, Object> deployment = find(rendered.get("prod"), "Deployment", "vidferry-scheduler").orElseThrow();
        Map<String, Object> cronJob = find(rendered.get("prod-plain"), "CronJob", "vidferry-scheduler").orElseThrow();
        Map<String, Object> service = containers(deployment).get(0);
        Map<String, Object> once = containers(cronJob).get(0);
        assertThat(once.get("image")).isEqualTo(service.get("image"));
        assertThat(once.get("envFrom")).isEqualTo(service.get("envFrom"));
        assertThat(once.get("resources")).isEqualTo(service.get("resources"));
        assertThat(list(once, "env")).contains(Map.of("name", "VIDFERRY_SCHEDULER_RUN_ONCE", "value", "true"));
        assertThat(map(map(cronJob, "spec"), "concurrencyPolicy")).isNotNull();
        assertThat(map(cronJob, "spec").get("concurrencyPolicy")).isEqualTo("Forbid");
    }

    @Test
    void networkPoliciesDenyByDefaultAndLetEachServiceBeReachedOnItsPort() {
        for (String overlay : OVERLAYS) {
            List<Map<String, Object>> policies = ofKind(rendered.get(overlay), "NetworkPolicy");
            assertThat(find(rendered.get(overlay), "NetworkPolicy", "vidferry-default-deny")).as(overlay).isPresent();
            for (String service : SERVICES.keySet()) {
                Map<String, Object> policy = policies.stream().filter(p -> service.equals(
                        map(map(map(p, "spec"), "podSelector"), "matchLabels").get("app.kubernetes.io/name")))
                        .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no NetworkPolicy for " + service));
                int port = Integer.parseInt(properties(SERVICES.get(service)).getProperty("quarkus.http.port"));
                assertThat(list(map(policy, "spec"), "ingress")).as(overlay + " " + service)
                        .flatExtracting(rule -> list(rule, "ports")).extracting(p -> p.get("port")).contains(port);
                assertThat(list(map(policy, "spec"), "egress")).as(overlay + " " + service + " reaches PostgreSQL")
                        .flatExtracting(rule -> list(rule, "ports")).extracting(p -> p.get("port")).contains(5432);
            }
        }
    }

    @Test
    void everyDocumentMatchesTheKubernetesAndKedaSchemas() throws Exception {
        Path modules = Manifests.ROOT.resolve("deploy/validate/node_modules");
        assumeTrue(Files.isDirectory(modules), "JSON-schema validation skipped: run deploy/validate-schemas.sh once "
                + "(npm ci of kubernetes-models) to install the schemas");
        List<String> output = run(Manifests.ROOT.resolve("deploy/validate-schemas.sh").toString());
        assertThat(output).as("one summary per overlay").hasSize(OVERLAYS.size())
                .allMatch(line -> line.contains(" 0 invalid"));
    }

    // --- helpers ---

    /** Our services' Deployments and CronJobs (not the dev emulator). */
    private static List<Map<String, Object>> workloads(List<Map<String, Object>> documents) {
        return documents.stream().filter(d -> ("Deployment".equals(kind(d)) || "CronJob".equals(kind(d)))
                && SERVICES.containsKey(name(d))).toList();
    }

    /** The Secrets the dev overlay generates, by name without hash: production must create the same ones. */
    private static Map<String, Map<String, Object>> devSecrets() {
        Map<String, Map<String, Object>> secrets = new LinkedHashMap<>();
        for (Map<String, Object> secret : ofKind(rendered.get("dev"), "Secret")) {
            secrets.put(unhashed(name(secret)), secret);
        }
        return secrets;
    }

    private static Map<String, Object> configMap(List<Map<String, Object>> documents, String name) {
        return map(find(documents, "ConfigMap", name).orElseThrow(), "data");
    }

    /** A worker setting from its ConfigMap, else the @WithDefault of WorkerConfig. */
    private static String workerSetting(List<Map<String, Object>> documents, String env, String method)
            throws RuntimeException {
        Object value = configMap(documents, "vidferry-worker").get(env);
        if (value != null) {
            return value.toString();
        }
        try {
            return Class.forName("dev.vidferry.worker.WorkerConfig", false, ServiceClasses.of("worker-service"))
                    .getMethod(method)
                    .getAnnotation(io.smallrye.config.WithDefault.class).value();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String workerSql(String constant) throws ReflectiveOperationException {
        Field field = Class.forName("dev.vidferry.platform.job.JobClaims", false, ServiceClasses.of("worker-service"))
                .getDeclaredField(constant);
        field.setAccessible(true);
        return (String) field.get(null);
    }

    /** A Quarkus duration: {@code 20s}, {@code 500ms}, {@code 1m}, or ISO-8601. */
    static Duration duration(String value) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value);
        if (!m.matches()) {
            return Duration.parse(value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static Properties properties(String module) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                Manifests.ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    private static String projectVersion() throws IOException {
        Matcher m = Pattern.compile("<version>([^<]+)</version>").matcher(Files.readString(Manifests.ROOT.resolve(
                "pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** module -> image of the docker-compose.yml services built from that module. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> composeImages() throws IOException {
        Map<String, String> images = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(Manifests.ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            for (Object service : ((Map<String, Object>) compose.get("services")).values()) {
                Map<String, Object> s = (Map<String, Object>) service;
                if (s.get("build") instanceof Map<?, ?> build) {
                    images.put(Path.of(build.get("context").toString()).getFileName().toString(),
                            (String) s.get("image"));
                }
            }
        }
        return images;
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().filter(line -> !line.isBlank()).toList();
    }

}
