package dev.vidferry.api.google;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The browser consent flow (the authorize and token endpoints are platform's {@code vidferry.google.*}). */
@ConfigMapping(prefix = "vidferry.consent")
public interface ConsentConfig {

    /** Our callback as registered with the OAuth client in Google Cloud: {@code .../api/v1/google/callback}. */
    String redirectUri();

    /**
     * Where a browser goes after the callback (a page of the UI; absolute, or a path on this host), with
     * {@code result=connected&accountId=<id>} or {@code result=error&error=<problem type>} added to its query.
     */
    @WithDefault("/")
    String afterConnectUrl();

    /** How long a started consent (its {@code state}) may take before the callback refuses it. */
    @WithDefault("10m")
    Duration stateTtl();
}
