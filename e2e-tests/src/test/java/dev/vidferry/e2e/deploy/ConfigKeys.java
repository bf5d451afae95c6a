package dev.vidferry.e2e.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * The config keys a service reads: its application.properties (every profile), platform's shared defaults, and the
 * {@code @ConfigMapping} interfaces compiled into the service and platform (found in their target/classes). An
 * environment variable is one of them when it is the key the SmallRye way (non-alphanumerics to '_', upper case).
 */
final class ConfigKeys {

    /** Quarkus keys every app reads whatever its application.properties says. */
    private static final Set<String> UNIVERSAL = Set.of("quarkus.http.port", "quarkus.http.host", "quarkus.log.level",
            "quarkus.profile");

    private final Set<String> keys;

    private ConfigKeys(Set<String> keys) {
        this.keys = keys;
    }

    static ConfigKeys of(String module) {
        Set<String> keys = new TreeSet<>(UNIVERSAL);
        properties(Manifests.ROOT.resolve(module).resolve("src/main/resources/application.properties"), keys);
        properties(Manifests.ROOT.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"), keys);
        ClassLoader loader = ServiceClasses.of(module);
        mappings(Manifests.ROOT.resolve(module).resolve("target/classes"), loader, keys);
        mappings(Manifests.ROOT.resolve("platform/target/classes"), loader, keys);
        return new ConfigKeys(keys);
    }

    /** Whether {@code env} names a key of this service. */
    boolean reads(String env) {
        return keys.stream().anyMatch(key -> matches(env, key));
    }

    boolean contains(String key) {
        return keys.contains(key);
    }

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

    private static void properties(Path file, Set<String> keys) {
        if (!Files.exists(file)) {
            return;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : properties.stringPropertyNames()) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
    }

    private static void mappings(Path classes, ClassLoader loader, Set<String> keys) {
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(classes + " is missing: compile the module first");
        }
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(file -> {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, loader);
                    ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                    if (mapping != null) {
                        collect(type, mapping.prefix(), keys);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // not on this test's class path (e.g. a generated class): it declares no mapping we rely on
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
