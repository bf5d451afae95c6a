package dev.vidferry.testsupport.kafka;

/** A Kafka broker the tests talk to: external, in a container, or inside the test JVM. */
public interface KafkaBroker extends AutoCloseable {

    /** {@code host:port} for {@code bootstrap.servers}. */
    String bootstrapServers();

    /** What kind of broker this is, for logs. */
    String describe();

    /** True when {@link #stop()} and {@link #restart()} work (only for a broker this JVM owns). */
    default boolean canStop() {
        return false;
    }

    /** Stops the broker; clients see it go away. */
    default void stop() {
        throw new UnsupportedOperationException(describe() + " cannot be stopped by a test");
    }

    /** Starts a stopped broker again on the same address, keeping its data. */
    default void restart() {
        throw new UnsupportedOperationException(describe() + " cannot be restarted by a test");
    }

    @Override
    default void close() {
    }

    /** A broker somebody else runs, e.g. bin/vidferry's on 127.0.0.1:9092. */
    record External(String bootstrapServers) implements KafkaBroker {

        @Override
        public String describe() {
            return "external Kafka at " + bootstrapServers;
        }
    }
}
