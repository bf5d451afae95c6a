package dev.vidferry.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a webhook may never reach (no Quarkus: pure address logic). */
class WebhookUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.0.10",
            "169.254.169.254", "127.0.0.1", "127.9.9.9", "0.0.0.0", "100.64.0.1", "198.18.0.1", "224.0.0.1",
            "255.255.255.255", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "::ffff:10.0.0.1",
            "::ffff:127.0.0.1"})
    void privateLoopbackLinkLocalAndReservedAddressesAreRefused(String address) throws UnknownHostException {
        assertThat(WebhookUrls.isPrivate(InetAddress.getByName(address))).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "192.169.0.1", "100.128.0.1",
            "2001:4860:4860::8888", "::ffff:8.8.8.8"})
    void publicAddressesAreAllowed(String address) throws UnknownHostException {
        assertThat(WebhookUrls.isPrivate(InetAddress.getByName(address))).as(address).isFalse();
    }
}
