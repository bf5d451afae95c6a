package dev.vidferry.api.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits the API enforces itself, so that refusals are problem+json (see {@link HttpGuard}). */
@ConfigMapping(prefix = "vidferry.http")
public interface HttpConfig {

    /** Longest request URI (path and query) answered; longer ones get 414. */
    @WithDefault("8192")
    int maxUriLength();

    /** Largest request body announced by Content-Length; larger ones get 413. */
    @WithDefault("4M")
    MemorySize maxBodySize();
}
