package com.practicescheduler.command.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Server-side request forgery guard: a webhook target's host is resolved, and every address it resolves to must be
 * public — not loopback (127/8, ::1), unspecified (0.0.0.0, ::), link-local (169.254/16, fe80::/10), site-local or
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT (100.64/10) or multicast — unless the operator
 * sets {@code practice-scheduler.webhooks.allow-private-targets=true}. Checked when subscribing and before each
 * delivery, so a name that later resolves elsewhere is caught at the next attempt.
 */
@Component
class PrivateTargets {

    private final boolean allowed;
    private final Resolver resolver;

    @Autowired
    PrivateTargets(@Value("${practice-scheduler.webhooks.allow-private-targets:false}") boolean allowed) {
        this(allowed, InetAddress::getAllByName);
    }

    PrivateTargets(boolean allowed, Resolver resolver) {
        this.allowed = allowed;
        this.resolver = resolver;
    }

    /** Resolves names: the system's resolver, or a test's. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why {@code url} may not be called, or null when it may. */
    String refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "url must be https or http";
        }
        String host = url.getHost();
        if (host == null || host.isEmpty() || url.getRawUserInfo() != null) {
            return "url must name a host, without user information";
        }
        List<InetAddress> addresses;
        try {
            addresses = List.of(resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1)
                    : host));
        } catch (UnknownHostException | RuntimeException e) {
            return "url's host does not resolve";
        }
        if (addresses.isEmpty()) {
            return "url's host does not resolve";
        }
        if (!allowed && addresses.stream().anyMatch(PrivateTargets::isPrivate)) {
            return "url resolves to a loopback, link-local or private address";
        }
        return null;
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7, unique local
            }
            boolean mappedV4 = true;
            for (int i = 0; i < 10; i++) {
                mappedV4 &= bytes[i] == 0;
            }
            if (mappedV4 && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                try {
                    return isPrivate(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 // 0.0.0.0/8, "this network"
                || first == 100 && second >= 64 && second <= 127 // 100.64/10, carrier-grade NAT
                || first == 172 && second >= 16 && second <= 31 // the JDK says so too; to be explicit
                || first >= 240; // reserved, broadcast
    }
}
