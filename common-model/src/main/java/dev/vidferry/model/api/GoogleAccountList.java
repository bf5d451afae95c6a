package dev.vidferry.model.api;

import java.util.List;

/** The caller's Google accounts, default first. */
public record GoogleAccountList(List<GoogleAccountSummary> items) {
}
