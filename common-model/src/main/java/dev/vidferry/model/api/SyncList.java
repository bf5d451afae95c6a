package dev.vidferry.model.api;

import java.util.List;

/** The caller's saved folder syncs (an admin's: everyone's), oldest first. */
public record SyncList(List<SyncView> items) {
}
