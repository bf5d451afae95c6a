package dev.vidferry.testsupport.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * docker-compose.yml can't run here (no Docker engine), so this checks what can go wrong without running it: every
 * environment variable given to one of our services maps (the SmallRye way) to a config key that service reads, each
 * service's Dockerfile exists, and no two services publish the same host port.
 */
class DockerComposeTest {

    /** Read by the container image, not by the application's config. */
    private static final Set<String> IMAGE_ENV = Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO", "TZ");
    /** Quarkus keys every app reads whatever its application.properties says. */
    private static final Set<String> UNIVERSAL_KEYS = Set.of("quarkus.http.port", "quarkus.http.host",
            "quarkus.log.level", "quarkus.profile");

    private static Path root;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docker-compose.yml"))) {
            root = root.getParent();
            assertThat(root).as("docker-compose.yml above the working directory").isNotNull();
        }
        try (Reader reader = Files.newBufferedReader(root.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void declaresTheStackOfTheIssue() {
        assertThat(services).containsKeys("postgres", "kafka", "api", "worker", "scheduler", "emulator");
        assertThat(services.get("kafka").get("image").toString()).startsWith("apache/kafka:");
        assertThat(services.get("emulator").get("profiles")).asList().containsExactly("demo");
        assertThat(deploy(services.get("worker")).get("replicas")).isEqualTo(2);
    }

    @Test
    void everyEnvironmentVariableOfOurServicesIsAConfigKeyTheAppReads() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (var entry : services.entrySet()) {
            Optional<Path> module = module(entry.getValue());
            if (module.isEmpty()) {
                continue; // a stock image (postgres, kafka)
            }
            Set<String> keys = configKeys(module.get());
            for (String env : environment(entry.getValue()).keySet()) {
                if (!IMAGE_ENV.contains(env) && keys.stream().noneMatch(key -> matches(env, key))) {
                    unknown.add(entry.getKey() + ": " + env);
                }
            }
        }
        assertThat(unknown).as("environment variables no config key of the service matches").isEmpty();
    }

    @Test
    void everyBuiltServiceHasItsDockerfile() {
        for (var entry : services.entrySet()) {
            module(entry.getValue()).ifPresent(module -> {
                Map<?, ?> build = (Map<?, ?>) entry.getValue().get("build");
                assertThat(module.resolve(build.get("dockerfile").toString())).as(entry.getKey()).exists();
            });
        }
    }

    @Test
    void hostPortsDoNotClashAndScaledServicesPublishNone() {
        Map<String, String> owners = new HashMap<>();
        for (var entry : services.entrySet()) {
            List<?> ports = (List<?>) entry.getValue().getOrDefault("ports", List.of());
            Object replicas = deploy(entry.getValue()).getOrDefault("replicas", 1);
            if (((Number) replicas).intValue() > 1) {
                assertThat(ports).as(entry.getKey() + " runs several replicas").isEmpty();
            }
            for (Object port : ports) {
                String spec = port.toString();
                assertThat(spec).as(entry.getKey() + " publishes host:container").contains(":");
                String host = spec.substring(0, spec.lastIndexOf(':'));
                String previous = owners.put(host, entry.getKey());
                assertThat(previous).as("host port " + host + " of " + entry.getKey()).isNull();
            }
        }
    }

    /** SmallRye's rule: a key matches an env name when its non-alphanumerics become '_' and it is upper-cased. */
    static boolean matches(String env, String key) {
        if (key.endsWith(".*")) {
            String prefix = toEnv(key.substring(0, key.length() - 2)) + "_";
            return env.startsWith(prefix) && env.length() > prefix.length();
        }
        return env.equals(toEnv(key));
    }

    static String toEnv(String key) {
        return key.replace("\"", "").replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    @Test
    void mapsEnvironmentNamesTheSmallRyeWay() {
        assertThat(matches("QUARKUS_DATASOURCE_REACTIVE_URL", "quarkus.datasource.reactive.url")).isTrue();
        assertThat(matches("VIDFERRY_GOOGLE_DRIVE_ROOT_URL", "vidferry.google.drive-root-url")).isTrue();
        assertThat(matches("VIDFERRY_CRYPTO_KEYS_COMPOSE", "vidferry.crypto.keys.*")).isTrue();
        assertThat(matches("QUARKUS_DATASOURCE_URL", "quarkus.datasource.reactive.url")).isFalse();
    }

    private static Optional<Path> module(Map<String, Object> service) {
        Object build = service.get("build");
        if (!(build instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        return Optional.of(root.resolve(map.get("context").toString()).normalize());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        Object env = service.get("environment");
        return env instanceof Map<?, ?> ? (Map<String, Object>) env : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deploy(Map<String, Object> service) {
        Object deploy = service.get("deploy");
        return deploy instanceof Map<?, ?> ? (Map<String, Object>) deploy : Map.of();
    }

    /** Keys of the module's application.properties (any profile), its @ConfigMapping keys, the universal ones. */
    private static Set<String> configKeys(Path module) throws IOException {
        Set<String> keys = new TreeSet<>(UNIVERSAL_KEYS);
        Path file = module.resolve("src/main/resources/application.properties");
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            for (String key : properties.stringPropertyNames()) {
                keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
            }
        }
        String ownPackage = module.getFileName().toString().equals("google-emulator")
                ? "dev.vidferry.emulator."
                : "dev.vidferry.platform.";
        keys.addAll(mappingKeys(ownPackage));
        return keys;
    }

    /** Keys of the @ConfigMapping interfaces under a package, found through the modules' Jandex indexes. */
    private static Set<String> mappingKeys(String packagePrefix) throws IOException {
        Set<String> keys = new HashSet<>();
        DotName configMapping = DotName.createSimple(ConfigMapping.class.getName());
        for (URL url : Collections.list(DockerComposeTest.class.getClassLoader().getResources("META-INF/jandex.idx"))) {
            try (InputStream in = url.openStream()) {
                for (AnnotationInstance mapping : new IndexReader(in).read().getAnnotations(configMapping)) {
                    String type = mapping.target().asClass().name().toString();
                    if (type.startsWith(packagePrefix)) {
                        collect(load(type), mapping.value("prefix").asString(), keys);
                    }
                }
            }
        }
        return keys;
    }

    private static void collect(Class<?> type, String prefix, Set<String> keys) {
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() > 0 || Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            WithName name = method.getAnnotation(WithName.class);
            String key = method.isAnnotationPresent(WithParentName.class)
                    ? prefix
                    : prefix + "." + (name != null ? name.value() : kebab(method.getName()));
            Class<?> returned = method.getReturnType();
            if (Map.class.isAssignableFrom(returned)) {
                keys.add(key + ".*");
            } else if (returned.isInterface() && !returned.getName().startsWith("java.")) {
                collect(returned, key, keys);
            } else {
                keys.add(key);
            }
        }
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, DockerComposeTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
