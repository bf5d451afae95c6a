package dev.vidferry.emulator;

import dev.vidferry.emulator.youtube.QuotaConfig;

/**
 * How an {@link EmulatorServer} listens and what it starts with.
 *
 * @param host interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port port to bind, {@code 0} for a free one
 * @param baseUrl public base URL (issuer, session URIs); {@code null} derives {@code http://<host>:<port>}
 * @param demoSeed load the demo seed (users alice and bob, a Demo folder, a shared drive) at start
 * @param quota YouTube quota model at start
 * @param instances HTTP server instances (event loops) sharing the port; {@code 0} = number of cores, at most 4
 */
public record EmulatorOptions(String host, int port, String baseUrl, boolean demoSeed, QuotaConfig quota, int instances) {

    public static EmulatorOptions defaults() {
        return new EmulatorOptions("127.0.0.1", 0, null, false, QuotaConfig.current(), 0);
    }

    public EmulatorOptions withPort(int newPort) {
        return new EmulatorOptions(host, newPort, baseUrl, demoSeed, quota, instances);
    }

    public EmulatorOptions withHost(String newHost) {
        return new EmulatorOptions(newHost, port, baseUrl, demoSeed, quota, instances);
    }

    public EmulatorOptions withBaseUrl(String newBaseUrl) {
        return new EmulatorOptions(host, port, newBaseUrl, demoSeed, quota, instances);
    }

    public EmulatorOptions withDemoSeed(boolean seed) {
        return new EmulatorOptions(host, port, baseUrl, seed, quota, instances);
    }

    public EmulatorOptions withQuota(QuotaConfig newQuota) {
        return new EmulatorOptions(host, port, baseUrl, demoSeed, newQuota, instances);
    }

    int effectiveInstances() {
        return instances > 0 ? instances : Math.min(4, Runtime.getRuntime().availableProcessors());
    }
}
