package com.practicescheduler.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firewall's header rules decide every code point exactly as Spring Security's regular expressions do. */
class HeaderFirewallTest {

    /** Spring Security's own, from {@code StrictHttpFirewall}. */
    private static final Pattern ASSIGNED_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsDecidedAsSpringSecurityDecidesIt() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + Character.toString(codePoint) + "b";
            assertThat(HeaderFirewall.ASSIGNED_NOT_CONTROL.test(text)).as("U+%04X", codePoint)
                    .isEqualTo(ASSIGNED_NOT_CONTROL.matcher(text).matches());
            assertThat(HeaderFirewall.HEADER_VALUE.test(text)).as("U+%04X in a value", codePoint)
                    .isEqualTo(HEADER_VALUE.matcher(text).matches());
        }
    }

    @Test
    void wholeHeadersAreDecidedAsSpringSecurityDecidesThem() {
        List<String> headers = List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "a\tb", "a\nb",
                "a\u0000", "\uD800", "x\uDBFF\uDFFFy", "\uD83D\uDE00 caf\u00e9", "\u0378", "\u007f", "\u0085");
        for (String header : headers) {
            assertThat(HeaderFirewall.ASSIGNED_NOT_CONTROL.test(header)).as(header)
                    .isEqualTo(ASSIGNED_NOT_CONTROL.matcher(header).matches());
            assertThat(HeaderFirewall.HEADER_VALUE.test(header)).as(header)
                    .isEqualTo(HEADER_VALUE.matcher(header).matches());
        }
        assertThat(HeaderFirewall.HEADER_VALUE.test("a\tb")).isTrue();
        assertThat(HeaderFirewall.ASSIGNED_NOT_CONTROL.test("a\tb")).isFalse();
        assertThat(HeaderFirewall.HEADER_VALUE.test("a\nb")).isFalse();
    }
}
