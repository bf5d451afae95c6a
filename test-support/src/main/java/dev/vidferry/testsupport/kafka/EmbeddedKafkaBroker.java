package dev.vidferry.testsupport.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.jboss.logging.Logger;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node KRaft broker (broker + controller) inside the test JVM, on free ports of 127.0.0.1, with its
 * data in a temporary directory. Starts in about two seconds; {@link #stop()} and {@link #restart()} keep the ports
 * and the data, so clients reconnect to the same address.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedKafkaBroker.class);

    private final Path dir;
    private final Properties config;
    private final int port;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.config = config(dir.resolve("data"), port, controllerPort);
    }

    /** Formats storage and starts the broker; returns once it accepts requests. */
    public static EmbeddedKafkaBroker start() {
        try {
            Path dir = Files.createTempDirectory("vidferry-kafka-");
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir, freePort(), freePort());
            broker.format();
            broker.startServer();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "vidferry-kafka-shutdown"));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String describe() {
        return "in-JVM Kafka at " + bootstrapServers();
    }

    @Override
    public boolean canStop() {
        return true;
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            long t0 = System.nanoTime();
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.infof("stopped %s in %d ms", describe(), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Override
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    @Override
    public synchronized void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // temp files; best effort
        }
    }

    private void format() throws IOException {
        Path file = dir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            config.store(writer, "vidferry in-JVM test broker");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = StorageTool.execute(new String[]{"format", "--ignore-formatted", "-t",
                Uuid.randomUuid().toString(), "-c", file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("kafka storage format failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }

    private void startServer() {
        long t0 = System.nanoTime();
        KafkaRaftServer raft = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        raft.startup();
        server = raft;
        LOG.infof("started %s in %d ms", describe(), (System.nanoTime() - t0) / 1_000_000);
    }

    private static Properties config(Path logDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        // a restarted broker re-registers only once its old session expired: keep that short
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "1500");
        props.put("log.flush.interval.messages", "1");
        return props;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
