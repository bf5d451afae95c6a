package dev.vidferry.examples.progresstail;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Follows vidferry jobs on Kafka and prints a progress bar per job:
 *
 * <pre>
 * examples/progress-tail/run --bootstrap 127.0.0.1:9092
 * </pre>
 *
 * Options: {@code --bootstrap host:port} (default {@code $KAFKA_BOOTSTRAP_SERVERS} or {@code 127.0.0.1:9092}),
 * {@code --from-beginning} (replay the topic instead of starting at its end), {@code --topic name}. On a terminal it
 * redraws the bars in place; piped, it prints one line per change. A consumer group of its own, no commits.
 */
public final class ProgressTail {

    static final String TOPIC = "upload-job.progress";
    private static final int BAR_WIDTH = 30;

    private final JobBoard board = new JobBoard();
    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out;
    private final boolean redraw;
    private int drawnLines;

    ProgressTail(PrintStream out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    public static void main(String[] args) {
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        String topic = TOPIC;
        boolean fromBeginning = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = args[++i];
                case "--topic" -> topic = args[++i];
                case "--from-beginning" -> fromBeginning = true;
                default -> {
                    System.err.println("usage: progress-tail [--bootstrap host:port] [--topic name] [--from-beginning]");
                    System.exit(2);
                }
            }
        }
        ProgressTail tail = new ProgressTail(System.out, System.console() != null);
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap, fromBeginning)) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                consumer.wakeup();
                try {
                    main.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            consumer.subscribe(List.of(topic));
            System.err.printf("following %s at %s (Ctrl-C to stop)%n", topic, bootstrap);
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    tail.accept(record.value(), header(record, "ce_type"));
                }
            }
        } catch (WakeupException e) {
            // Ctrl-C
        }
    }

    /** One record's value (and its CloudEvents type, when the producer set one). */
    void accept(String value, String cloudEventType) {
        if (cloudEventType != null && !cloudEventType.startsWith("dev.vidferry.job.progress.")) {
            return;
        }
        JsonNode envelope;
        try {
            envelope = json.readTree(value);
        } catch (Exception e) {
            return; // not ours to judge: skip what we cannot read
        }
        JobBoard.Job changed = board.apply(envelope);
        if (changed == null) {
            return;
        }
        if (!redraw) {
            out.println(JobBoard.render(changed, BAR_WIDTH));
            return;
        }
        List<JobBoard.Job> jobs = board.jobs();
        StringBuilder screen = new StringBuilder();
        if (drawnLines > 0) {
            screen.append("\033[").append(drawnLines).append('F'); // back to the first bar
        }
        for (JobBoard.Job job : jobs) {
            screen.append("\033[2K").append(JobBoard.render(job, BAR_WIDTH)).append('\n');
        }
        drawnLines = jobs.size();
        out.print(screen);
        out.flush();
    }

    static KafkaConsumer<String, String> consumer(String bootstrap, boolean fromBeginning) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "progress-tail-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
