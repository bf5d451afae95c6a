package dev.vidferry.api.ui;

/**
 * What every dashboard page shows around its content: who is signed in, the CSRF token its scripts send, the active
 * section of the navigation.
 */
public record Chrome(String user, String csrf, String active) {
}
