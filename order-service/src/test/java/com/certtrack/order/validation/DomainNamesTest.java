package com.certtrack.order.validation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNamesTest {

    @ParameterizedTest
    @CsvSource({
        "Example.COM, example.com, false",
        "www.example.com., www.example.com, false",
        "bücher.example, xn--bcher-kva.example, false",
        "*.Münich.example, *.xn--mnich-kva.example, true",
        "xn--bcher-kva.example, xn--bcher-kva.example, false"
    })
    void normalisesToAscii(String input, String ascii, boolean wildcard) throws Exception {
        DomainNames.Domain domain = DomainNames.parse(input);
        assertThat(domain.ascii(), is(ascii));
        assertThat(domain.wildcard(), is(wildcard));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "example | two labels",
                "exa mple.com | letters, digits and hyphens",
                "a..example.com | empty label",
                "-a.example.com | starting or ending with a hyphen",
                "www.*.example.com | wildcard only",
                "example.123 | numeric",
                "10.0.0.1 | IP address",
                "xn--zz.example | punycode"
            })
    void refusesWithAReason(String input, String reason) {
        var refused = assertThrows(DomainNames.InvalidDomain.class, () -> DomainNames.parse(input));
        assertThat(refused.getMessage(), containsString(reason));
    }
}
