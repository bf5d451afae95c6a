package dev.vidferry.model.api;

import java.util.List;

/**
 * Body of {@code POST /api/v1/webhooks}.
 *
 * @param url where vidferry POSTs the events: {@code https} (plain {@code http} only to loopback when the service
 *        allows it), never a private-network address
 * @param events which job events to send: {@code pending}, {@code deferred}, {@code completed}, {@code failed},
 *        {@code cancelled}
 */
public record CreateWebhookRequest(String url, List<String> events) {
}
