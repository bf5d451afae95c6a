package dev.vidferry.api.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vidferry.api.common.ApiException;

/**
 * SSRF guard for webhook targets. Only {@code https} (plain {@code http} only to loopback when
 * {@code allow-loopback-http}); no user info; the host and every address it resolves to must be public: refused are
 * 0/8, 10/8, 100.64/10, 127/8 (unless loopback is allowed), 169.254/16, 172.16/12, 192.168/16, 198.18/15, multicast
 * and reserved, {@code ::}, {@code ::1} (unless allowed), fc00::/7, fe80::/10, and IPv4-mapped forms of those.
 * Resolving is blocking: call {@link #check} on a worker thread. Deliveries check again before every attempt (DNS
 * may change).
 */
@ApplicationScoped
public class WebhookUrls {

    static final int MAX_LENGTH = 2048;

    private final WebhooksConfig config;

    public WebhookUrls(WebhooksConfig config) {
        this.config = config;
    }

    /** The parsed URL, or a 422 naming {@code url}. */
    public URI check(String url) {
        URI uri = parse(url);
        boolean https = "https".equals(uri.getScheme());
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host(uri));
        } catch (UnknownHostException e) {
            throw refused("unresolvableHost", "the host of url does not resolve");
        }
        for (InetAddress address : addresses) {
            boolean loopback = address.isLoopbackAddress() || isMappedLoopback(address);
            if (loopback && config.allowLoopbackHttp()) {
                continue;
            }
            if (isPrivate(address)) {
                throw refused("privateAddress", "url must not point to a private, loopback or link-local network ("
                        + address.getHostAddress() + ")");
            }
        }
        if (!https && !(config.allowLoopbackHttp() && allLoopback(addresses))) {
            throw refused("httpsRequired", "url must use https");
        }
        return uri;
    }

    static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw refused("required", "url is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw refused("tooLong", "url must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw refused("invalidUrl", "url is not a valid absolute URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused("httpsRequired", "url must use https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw refused("invalidUrl", "url must be an absolute URL with a host, without user info or fragment");
        }
        return uri;
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean allLoopback(InetAddress[] addresses) {
        for (InetAddress a : addresses) {
            if (!a.isLoopbackAddress() && !isMappedLoopback(a)) {
                return false;
            }
        }
        return addresses.length > 0;
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7 unique local
            }
            if (isMapped(b)) {
                try {
                    return isPrivate(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first == 10 || first == 127 || (first == 100 && second >= 64 && second < 128)
                    || (first == 169 && second == 254) || (first == 172 && second >= 16 && second < 32)
                    || (first == 192 && second == 168) || (first == 198 && (second == 18 || second == 19))
                    || first >= 224;
        }
        return true;
    }

    private static boolean isMapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static boolean isMappedLoopback(InetAddress address) {
        byte[] b = address.getAddress();
        return address instanceof Inet6Address && isMapped(b) && (b[12] & 0xff) == 127;
    }

    private static ApiException refused(String code, String message) {
        return ApiException.invalidField("invalid-webhook-url", "url", code, message);
    }
}
