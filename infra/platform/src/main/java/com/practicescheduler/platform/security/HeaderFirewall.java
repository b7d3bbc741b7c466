package com.practicescheduler.platform.security;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall with its own rules for header names, header values and parameter names, checked by
 * a loop over the code points instead of the regular expressions it checks them with
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and for header values the same with tab allowed). The rules are
 * the same (a test compares them on every code point); the expressions ran over every header value each time one
 * was read, the bearer token's hundreds of characters several times a request: nearly a percent of the
 * application's CPU under load.
 */
final class HeaderFirewall {

    /** Every code point assigned and not a control character. */
    static final Predicate<String> ASSIGNED_NOT_CONTROL = text -> allowed(text, false);
    /** The same, tab allowed. */
    static final Predicate<String> HEADER_VALUE = text -> allowed(text, true);

    private HeaderFirewall() {
    }

    static StrictHttpFirewall strict() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(ASSIGNED_NOT_CONTROL);
        firewall.setAllowedHeaderValues(HEADER_VALUE);
        firewall.setAllowedParameterNames(ASSIGNED_NOT_CONTROL);
        return firewall;
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tab && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
