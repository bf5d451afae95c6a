package dev.vidferry.api.webhook;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.BlockingCalls;
import dev.vidferry.api.common.Cursor;
import dev.vidferry.model.api.CreateWebhookRequest;
import dev.vidferry.model.api.WebhookDeliveryPage;
import dev.vidferry.model.api.WebhookList;
import dev.vidferry.model.api.WebhookView;
import dev.vidferry.model.metadata.Violation;
import dev.vidferry.platform.crypto.TokenCipher;

/** Registers, lists and removes the caller's webhooks; the secret is encrypted at rest and shown once. */
@ApplicationScoped
public class WebhookService {

    static final int MAX_EVENTS = WebhookEvents.SUBSCRIBABLE.size();

    private final WebhookRepository repository;
    private final WebhookUrls urls;
    private final TokenCipher cipher;
    private final BlockingCalls blocking;
    private final WebhooksConfig config;

    public WebhookService(WebhookRepository repository, WebhookUrls urls, TokenCipher cipher, BlockingCalls blocking,
            WebhooksConfig config) {
        this.repository = repository;
        this.urls = urls;
        this.cipher = cipher;
        this.blocking = blocking;
        this.config = config;
    }

    /** Validates the events, then the URL (DNS on a worker thread), then stores the hook with a new secret. */
    public Uni<WebhookView> create(String ownerId, CreateWebhookRequest request) {
        if (request == null) {
            throw ApiException.validation(List.of(new Violation("url", "required", "url is required")));
        }
        List<String> events = events(request.events());
        String url = request.url();
        WebhookUrls.parse(url);
        return blocking.run(() -> urls.check(url)).chain(uri -> repository.countOf(ownerId).chain(count -> {
            if (count >= config.maxPerOwner()) {
                return Uni.createFrom().failure(ApiException.conflict("too-many-webhooks",
                        "At most " + config.maxPerOwner() + " webhooks per user; delete one first"));
            }
            UUID id = UUID.randomUUID();
            String secret = WebhookSignature.newSecret();
            TokenCipher.Sealed sealed = cipher.encrypt(secret, ownerId);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return repository.insert(id, ownerId, uri.toString(), events, sealed.keyId(), sealed.ciphertext(), now)
                    .invoke(() -> Log.infof("webhook %s registered for owner %s (%s)", id, ownerId, events))
                    .replaceWith(new WebhookView(id, uri.toString(), events, "active", 0, now, null, secret));
        }));
    }

    public Uni<WebhookList> list(String ownerId) {
        return repository.list(ownerId).map(WebhookList::new);
    }

    public Uni<WebhookView> get(String ownerId, String id) {
        return repository.find(ownerId, uuid(id)).map(hook -> {
            if (hook == null) {
                throw ApiException.notFound("Webhook");
            }
            return hook;
        });
    }

    public Uni<Void> delete(String ownerId, String id) {
        return repository.delete(ownerId, uuid(id)).map(deleted -> {
            if (!deleted) {
                throw ApiException.notFound("Webhook");
            }
            return null;
        });
    }

    public Uni<WebhookDeliveryPage> deliveries(String ownerId, String id, String limit) {
        int size = Cursor.limit(limit, 50, 200);
        return get(ownerId, id).chain(hook -> repository.deliveries(hook.id(), size)).map(WebhookDeliveryPage::new);
    }

    private static List<String> events(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw ApiException.validation(List.of(new Violation("events", "required",
                    "events must name at least one of " + WebhookEvents.SUBSCRIBABLE)));
        }
        List<Violation> errors = new ArrayList<>();
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < events.size() && errors.size() < 10; i++) {
            String event = events.get(i);
            if (event == null || !WebhookEvents.SUBSCRIBABLE_SET.contains(event)) {
                errors.add(new Violation("events[" + i + "]", "unknownEvent",
                        "must be one of " + WebhookEvents.SUBSCRIBABLE));
            } else {
                out.add(event);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return List.copyOf(out);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (RuntimeException e) {
            throw ApiException.notFound("Webhook");
        }
    }
}
