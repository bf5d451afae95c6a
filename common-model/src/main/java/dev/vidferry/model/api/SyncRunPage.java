package dev.vidferry.model.api;

import java.util.List;

/** A sync's latest runs, newest first. */
public record SyncRunPage(List<SyncRunView> items) {
}
