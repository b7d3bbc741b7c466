package com.practicescheduler.command.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SSRF guard with the operator's setting off (the default) and on. */
class PrivateTargetsTest {

    /** Names a test resolver knows, so no test depends on the network's DNS. */
    private static final Map<String, String> DNS = Map.of("hooks.example.com", "93.184.216.34",
            "internal.example.com", "10.1.2.3", "metadata.example.com", "169.254.169.254",
            "rebound.example.com", "::ffff:127.0.0.1");

    private final PrivateTargets.Resolver resolver = host -> {
        String address = DNS.get(host);
        if (address != null) {
            return new InetAddress[] {InetAddress.getByName(address)};
        }
        if (host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return InetAddress.getAllByName(host); // a literal: no lookup
        }
        throw new UnknownHostException(host);
    };

    @Test
    void byDefaultLoopbackLinkLocalAndPrivateTargetsAreRefusedWhenSubscribing() {
        PrivateTargets guard = new PrivateTargets(false, resolver);
        for (String url : new String[] {"http://127.0.0.1/hook", "http://127.8.9.10/hook", "http://[::1]/hook",
                "http://0.0.0.0/hook", "http://10.0.0.5/hook", "http://172.16.0.1/hook", "http://172.31.255.254/x",
                "http://192.168.1.1/hook", "http://169.254.169.254/latest", "http://[fc00::1]/hook",
                "http://[fd12:3456::1]/hook", "http://[fe80::1]/hook", "https://internal.example.com/hook",
                "https://metadata.example.com/", "https://rebound.example.com/"}) {
            assertThat(guard.refusal(URI.create(url))).as(url)
                    .isEqualTo("url resolves to a loopback, link-local or private address");
        }
        assertThat(guard.refusal(URI.create("https://hooks.example.com/hook"))).isNull();
        assertThat(guard.refusal(URI.create("http://172.32.0.1/hook"))).as("just outside 172.16/12").isNull();
    }

    @Test
    void whenTheOperatorAllowsThemPrivateTargetsAreAccepted() {
        PrivateTargets guard = new PrivateTargets(true, resolver);
        assertThat(guard.refusal(URI.create("http://127.0.0.1:8080/hook"))).isNull();
        assertThat(guard.refusal(URI.create("https://internal.example.com/hook"))).isNull();
    }

    @Test
    void otherSchemesUnresolvableHostsAndUserInformationAreRefusedEitherWay() {
        for (boolean allowed : new boolean[] {false, true}) {
            PrivateTargets guard = new PrivateTargets(allowed, resolver);
            assertThat(guard.refusal(URI.create("ftp://hooks.example.com/x"))).isEqualTo("url must be https or http");
            assertThat(guard.refusal(URI.create("file:///etc/passwd"))).isEqualTo("url must be https or http");
            assertThat(guard.refusal(URI.create("https://nowhere.example.com/x")))
                    .isEqualTo("url's host does not resolve");
            assertThat(guard.refusal(URI.create("https://user:pw@hooks.example.com/x")))
                    .isEqualTo("url must name a host, without user information");
        }
    }
}
