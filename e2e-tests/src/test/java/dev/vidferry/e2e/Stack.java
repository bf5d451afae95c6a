package dev.vidferry.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.vidferry.testsupport.emulator.EmulatorClient;
import dev.vidferry.testsupport.emulator.GoogleEmulatorResource;
import dev.vidferry.testsupport.kafka.KafkaResource;
import dev.vidferry.testsupport.postgres.PostgresResource;

/**
 * The whole system for black-box tests, once per JVM: the Google emulator (in this JVM), the real Kafka broker
 * (KAFKA_BOOTSTRAP_SERVERS, Testcontainers or in-JVM), a fresh Postgres database, the packaged api-service and
 * worker-service processes.
 */
public final class Stack {

    static final String DATABASE = "vidferry_test_e2e";
    static final String CRYPTO_KEY = "x0F6n3YDxwbD3nq3m3bgqVv2qv+J3pQpD3l3P4b0S1k=";

    private static Stack instance;

    private final String emulatorUrl;
    private final String kafka;
    private final String workerGroup = "vidferry-workers-e2e-" + UUID.randomUUID();
    private final ServiceProcess api;
    private final ServiceProcess scheduler;
    private final List<ServiceProcess> workers = new ArrayList<>();
    private int workersStarted;

    private Stack(int workerCount) {
        emulatorUrl = GoogleEmulatorResource.ensureStarted(false);
        KafkaResource kafkaResource = new KafkaResource();
        kafkaResource.init(Map.of());
        kafka = kafkaResource.start().get("kafka.bootstrap.servers");
        PostgresResource.ensureDatabase(DATABASE, true);
        // the tests and benches upload far more than YouTube's 100 videos a day; quota has tests of its own
        emulator().setQuotaLimits(Map.of("videos.insert", 1_000_000L, "default", 100_000_000L));
        api = ServiceProcess.start("api", "api-service", freePort(), apiConfig());
        scheduler = ServiceProcess.start("scheduler", "scheduler-service", freePort(), schedulerConfig());
        for (int i = 1; i <= workerCount; i++) {
            addWorker();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
    }

    /** The running stack with (at least) {@code workerCount} workers. */
    public static synchronized Stack withWorkers(int workerCount) {
        if (instance == null) {
            instance = new Stack(workerCount);
        }
        while (instance.workers.size() < workerCount) {
            instance.addWorker();
        }
        return instance;
    }

    public ServiceProcess addWorker() {
        return addWorker(Map.of());
    }

    /** Starts one more worker process; {@code extra} overrides its configuration (e.g. debug pause points). */
    public synchronized ServiceProcess addWorker(Map<String, String> extra) {
        int index = ++workersStarted;
        Map<String, String> config = workerConfig(index);
        config.putAll(extra);
        ServiceProcess worker = ServiceProcess.start("worker-" + index, "worker-service", freePort(), config);
        workers.add(worker);
        return worker;
    }

    /** Stops every worker process (gracefully) so a test can start the ones it needs. */
    public synchronized void stopWorkers() {
        workers.forEach(ServiceProcess::stop);
        workers.clear();
    }

    /** Exactly {@code count} plain workers. */
    public synchronized void useWorkers(int count) {
        workers.removeIf(w -> !w.isAlive());
        while (workers.size() > count) {
            workers.remove(workers.size() - 1).stop();
        }
        while (workers.size() < count) {
            addWorker();
        }
    }

    /** The running worker whose lease owner name ({@code vidferry.worker.id}) is {@code workerId}. */
    public synchronized ServiceProcess worker(String workerId) {
        return workers.stream().filter(w -> w.isAlive() && workerId.equals("e2e-" + w.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no running worker " + workerId + " among " + workers));
    }

    public void forget(ServiceProcess worker) {
        workers.remove(worker);
    }

    public ServiceProcess api() {
        return api;
    }

    public List<ServiceProcess> workers() {
        return workers;
    }

    public String kafka() {
        return kafka;
    }

    public EmulatorClient emulator() {
        return new EmulatorClient(emulatorUrl);
    }

    public ApiClient apiClient(String bearerToken) {
        return new ApiClient(api.baseUrl(), bearerToken);
    }

    public Connection db() throws SQLException {
        return PostgresResource.connect(DATABASE);
    }

    private Map<String, String> common() {
        Map<String, String> config = new HashMap<>();
        // the server PostgresResource uses (PGHOST/PGPORT), so a test run on its own cluster keeps its services there
        String server = env("PGHOST", "127.0.0.1") + ":" + env("PGPORT", "5432");
        config.put("quarkus.datasource.reactive.url", "postgresql://" + server + "/" + DATABASE);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + server + "/" + DATABASE);
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "postgres");
        config.put("kafka.bootstrap.servers", kafka);
        config.put("vidferry.google.drive-root-url", emulatorUrl + "/");
        config.put("vidferry.google.youtube-root-url", emulatorUrl + "/");
        config.put("vidferry.google.oauth2-root-url", emulatorUrl + "/");
        config.put("vidferry.google.token-uri", emulatorUrl + "/token");
        config.put("vidferry.google.client-id", "vidferry");
        config.put("vidferry.google.client-secret", "vidferry-secret");
        config.put("vidferry.crypto.active-key-id", "e2e");
        config.put("vidferry.crypto.keys.e2e", CRYPTO_KEY);
        config.put("quarkus.log.console.format", "%d{HH:mm:ss,SSS} %-5p [%c{2.}] (%t) %s%e%n");
        return config;
    }

    private Map<String, String> apiConfig() {
        Map<String, String> config = common();
        config.put("quarkus.oidc.auth-server-url", emulatorUrl);
        config.put("quarkus.oidc.client-id", "vidferry");
        return config;
    }

    private Map<String, String> workerConfig(int index) {
        Map<String, String> config = common();
        config.put("mp.messaging.incoming.job-requests.group.id", workerGroup);
        // a killed worker's partitions move to the others quickly; its jobs come back after a short lease
        config.put("mp.messaging.incoming.job-requests.session.timeout.ms", "6000");
        config.put("mp.messaging.incoming.job-requests.heartbeat.interval.ms", "1000");
        config.put("vidferry.worker.id", "e2e-worker-" + index);
        config.put("vidferry.worker.chunk-size", "1M");
        config.put("vidferry.worker.lease-duration", "4s");
        config.put("vidferry.worker.heartbeat-interval", "1s");
        config.put("vidferry.worker.retry-backoff", "1s");
        config.put("vidferry.worker.retry-backoff-max", "2s");
        config.put("vidferry.worker.shutdown-grace", "10s");
        config.put("vidferry.quota.limits.\"videos.insert\"", "1000000");
        config.put("vidferry.quota.limits.\"default\"", "100000000");
        config.put("vidferry.quota.uploads-per-channel-per-day", "1000000");
        return config;
    }

    private Map<String, String> schedulerConfig() {
        Map<String, String> config = common();
        config.put("vidferry.housekeeping.interval", "1s");
        config.put("vidferry.housekeeping.redispatch-after", "20s");
        return config;
    }

    private void stopAll() {
        workers.forEach(ServiceProcess::stop);
        scheduler.stop();
        api.stop();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
