package dev.vidferry.api.common;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Runs blocking work (the Google Java clients) on the worker pool and brings the result back to the caller's
 * Vert.x context, where Hibernate Reactive can continue. Never block the event loop.
 */
@ApplicationScoped
public class BlockingCalls {

    private final Vertx vertx;

    public BlockingCalls(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> run(Supplier<T> work) {
        return vertx.executeBlocking(Uni.createFrom().item(work), false);
    }
}
