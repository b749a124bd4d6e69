package com.certtrack.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.checks.outbound.OutboundHttp;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.contracts.DomainValidation;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The DCV pre-flight from plain domain records, without the service: what it reads from DNS, what it selects. */
class DcvPreflightRecordsTest {

    private static LoopbackChecks loopback;
    private static OutboundHttp http;
    private static DcvPreflight preflight;

    @BeforeAll
    static void start() throws Exception {
        loopback = new LoopbackChecks();
        http = loopback.http(true);
        preflight = new DcvPreflight(loopback.lookup, http, 80);
        loopback.dns.txt("_dnsauth.ok.example", "tok-1");
        loopback.dns.txt("_dnsauth.wrong.example", "an-old-token");
    }

    @AfterAll
    static void stop() {
        http.close();
        loopback.close();
    }

    @Test
    void eachPendingDomainIsCheckedAgainstItsRecord() {
        List<DomainValidation> domains = List.of(
                txt("ok.example", "_dnsauth.ok.example", "tok-1"),
                txt("wrong.example", "_dnsauth.wrong.example", "tok-2"),
                txt("missing.example", "_dnsauth.missing.example", "tok-3"),
                new DomainValidation("done.example", DcvMethod.DNS_TXT, DcvStatus.VALIDATED, null));

        DcvPreflight.Result result = preflight.check(domains, null);

        assertEquals(
                List.of("ok.example", "wrong.example", "missing.example"),
                result.domains().stream().map(DcvPreflight.DomainResult::domain).toList(),
                "a validated domain is not checked unless named");
        assertTrue(result.domains().get(0).ready());
        assertEquals("DNS_WRONG_VALUE", code(result.domains().get(1)));
        assertEquals("DNS_RECORD_MISSING", code(result.domains().get(2)));
    }

    @Test
    void aNamedDomainIsCheckedAloneAndOneNotOfTheLineIsInvalidInput() {
        List<DomainValidation> domains = List.of(txt("ok.example", "_dnsauth.ok.example", "tok-1"));

        DcvPreflight.Result result = preflight.check(domains, "OK.example.");
        assertEquals(1, result.domains().size());
        assertTrue(result.domains().get(0).ready());

        InvalidInput invalid = assertThrows(InvalidInput.class, () -> preflight.check(domains, "other.example"));
        assertEquals("domain", invalid.field());
    }

    private static DomainValidation txt(String name, String target, String value) {
        return new DomainValidation(name, DcvMethod.DNS_TXT, DcvStatus.PENDING, null, target, value);
    }

    private static String code(DcvPreflight.DomainResult domain) {
        return domain.findings().get(0).code();
    }
}
