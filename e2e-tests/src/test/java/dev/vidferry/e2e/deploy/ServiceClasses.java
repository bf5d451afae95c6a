package dev.vidferry.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The classes of a packaged service (e2e-tests depends on the services for build order only, so they are not on
 * this module's class path): its target/classes and its runtime jars (target/quarkus-app/lib/main), behind this
 * test's own class loader so shared types (SmallRye Config's annotations) stay the same.
 */
final class ServiceClasses {

    private static final Map<String, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    private ServiceClasses() {
    }

    static ClassLoader of(String module) {
        return LOADERS.computeIfAbsent(module, ServiceClasses::create);
    }

    private static ClassLoader create(String module) {
        Path dir = Manifests.ROOT.resolve(module).resolve("target");
        Path lib = dir.resolve("quarkus-app/lib/main");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: package " + module + " first (mvn verify does)");
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> jars = Files.list(lib)) {
            urls.add(dir.resolve("classes").toUri().toURL());
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ServiceClasses.class.getClassLoader());
    }
}
