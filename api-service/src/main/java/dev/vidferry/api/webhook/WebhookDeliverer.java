package dev.vidferry.api.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import dev.vidferry.api.webhook.WebhookRepository.Claimed;
import dev.vidferry.platform.crypto.TokenCipher;

/**
 * Sends queued deliveries with a non-blocking Vert.x {@link WebClient} (no redirects followed), from the table: each
 * round claims the due rows ({@code FOR UPDATE SKIP LOCKED} and a lease, so several api instances share the work),
 * checks the target again (DNS on a worker thread), signs ({@link WebhookSignature}) and POSTs the CloudEvent. A 2xx
 * is delivered; anything else is retried after {@code initial-backoff * 2^(attempt-1)} (at most
 * {@code max-backoff}) until {@code max-attempts}, then given up; {@code disable-after-failures} deliveries given up in
 * a row disable the hook. A round runs every {@code poll-interval} and right after new deliveries were queued here.
 */
@ApplicationScoped
public class WebhookDeliverer {

    static final int MAX_ERROR_LENGTH = 300;

    private final Vertx vertx;
    private final WebhookRepository repository;
    private final WebhookUrls urls;
    private final TokenCipher cipher;
    private final WebhooksConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private WebClient client;
    private long timer = -1;

    public WebhookDeliverer(Vertx vertx, WebhookRepository repository, WebhookUrls urls, TokenCipher cipher,
            WebhooksConfig config) {
        this.vertx = vertx;
        this.repository = repository;
        this.urls = urls;
        this.cipher = cipher;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout((int) config.requestTimeout().toMillis()).setUserAgent("vidferry-webhooks/1")
                .setMaxPoolSize(20));
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> kick());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (client != null) {
            client.close();
        }
    }

    /** Runs a round now (or right after the current one). */
    public void kick() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        round().subscribe().with(sent -> finish(sent > 0), failure -> {
            Log.warnf("webhook delivery round failed: %s", failure.getClass().getSimpleName());
            finish(false);
        });
    }

    private void finish(boolean busy) {
        running.set(false);
        if (busy || again.getAndSet(false)) {
            vertx.runOnContext(() -> kick());
        }
    }

    private Uni<Integer> round() {
        long lease = config.requestTimeout().toSeconds() + 30;
        return repository.claimDue(config.batchSize(), lease).chain(claimed -> claimed.isEmpty()
                ? Uni.createFrom().item(0)
                : Multi.createFrom().iterable(claimed).onItem().transformToUniAndMerge(this::attempt).collect()
                        .asList().map(List::size));
    }

    private Uni<Void> attempt(Claimed delivery) {
        return Uni.createFrom()
                .item(() -> cipher.decrypt(delivery.secretKeyId(), delivery.secretCiphertext(), delivery.ownerId()))
                .chain(secret -> vertx.executeBlocking(Uni.createFrom().item(() -> urls.check(delivery.url())), false)
                        .chain(uri -> send(delivery, uri.toString(), secret)))
                .onFailure().recoverWithUni(e -> failed(delivery, null, describe(e)));
    }

    private Uni<Void> send(Claimed delivery, String url, String secret) {
        long timestamp = Instant.now().getEpochSecond();
        return client.requestAbs(HttpMethod.POST, url).timeout(config.requestTimeout().toMillis())
                .putHeader("content-type", WebhookEvents.CONTENT_TYPE)
                .putHeader(WebhookSignature.ID, delivery.id().toString())
                .putHeader(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
                .putHeader(WebhookSignature.SIGNATURE, WebhookSignature.sign(secret, timestamp, delivery.body()))
                .sendBuffer(Buffer.buffer(delivery.body()))
                .chain(response -> outcome(delivery, response));
    }

    private Uni<Void> outcome(Claimed delivery, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return repository.delivered(delivery, status);
        }
        return failed(delivery, status, "receiver answered " + status);
    }

    private Uni<Void> failed(Claimed delivery, Integer status, String error) {
        int attempt = delivery.attempts() + 1;
        if (attempt >= config.maxAttempts()) {
            return repository.gaveUp(delivery, status, error, config.disableAfterFailures()).invoke(disabled -> {
                Log.infof("webhook delivery %s given up after %d attempts (%s)", delivery.id(), attempt, error);
                if (disabled) {
                    Log.warnf("webhook %s disabled after %d deliveries failed in a row", delivery.webhookId(),
                            config.disableAfterFailures());
                }
            }).replaceWithVoid();
        }
        return repository.retryLater(delivery, status, error, Instant.now().plus(backoff(attempt)));
    }

    /** Wait after failed attempt {@code attempt} (1-based): initial * 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private static String describe(Throwable e) {
        String text = e instanceof dev.vidferry.api.common.ApiException api
                ? "target refused: " + api.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
