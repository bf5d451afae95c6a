package dev.vidferry.model.api;

import java.util.List;

/**
 * The latest deliveries of a webhook, newest first.
 *
 * @param items at most {@code limit} deliveries
 */
public record WebhookDeliveryPage(List<WebhookDeliveryView> items) {
}
