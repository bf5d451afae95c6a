package dev.vidferry.model.api;

import java.util.List;

/**
 * The caller's webhooks, oldest first (without secrets).
 *
 * @param items the hooks
 */
public record WebhookList(List<WebhookView> items) {
}
