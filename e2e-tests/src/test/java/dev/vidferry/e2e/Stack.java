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
    private static final String CRYPTO_KEY = "x0F6n3YDxwbD3nq3m3bgqVv2qv+J3pQpD3l3P4b0S1k=";

    private static Stack instance;

    private final String emulatorUrl;
    private final String kafka;
    private final String workerGroup = "vidferry-workers-e2e-" + UUID.randomUUID();
    private final ServiceProcess api;
    private final List<ServiceProcess> workers = new ArrayList<>();

    private Stack(int workerCount) {
        emulatorUrl = GoogleEmulatorResource.ensureStarted(false);
        KafkaResource kafkaResource = new KafkaResource();
        kafkaResource.init(Map.of());
        kafka = kafkaResource.start().get("kafka.bootstrap.servers");
        PostgresResource.ensureDatabase(DATABASE, true);
        api = ServiceProcess.start("api", "api-service", freePort(), apiConfig());
        for (int i = 1; i <= workerCount; i++) {
            workers.add(ServiceProcess.start("worker-" + i, "worker-service", freePort(), workerConfig(i)));
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
        int index = workers.size() + 1;
        ServiceProcess worker = ServiceProcess.start("worker-" + index, "worker-service", freePort(), workerConfig(index));
        workers.add(worker);
        return worker;
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
        config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/" + DATABASE);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "postgres");
        config.put("kafka.bootstrap.servers", kafka);
        config.put("vidferry.google.drive-root-url", emulatorUrl + "/");
        config.put("vidferry.google.youtube-root-url", emulatorUrl + "/");
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
        config.put("vidferry.worker.id", "e2e-worker-" + index);
        return config;
    }

    private void stopAll() {
        workers.forEach(ServiceProcess::stop);
        api.stop();
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
