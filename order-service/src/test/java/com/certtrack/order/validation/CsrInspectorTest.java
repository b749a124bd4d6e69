package com.certtrack.order.validation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.certtrack.order.TestCsrs;
import org.junit.jupiter.api.Test;

class CsrInspectorTest {

    @Test
    void acceptsRsa2048AndEcP256AndP384WithTheirNames() throws Exception {
        assertThat(
                CsrInspector.inspect(TestCsrs.rsa(2048, "www.example.com", "example.com")),
                contains("www.example.com", "example.com"));
        assertThat(CsrInspector.inspect(TestCsrs.ec("secp256r1", "*.example.com")), contains("*.example.com"));
        assertThat(CsrInspector.inspect(TestCsrs.ec("secp384r1", "shop.example.org")), contains("shop.example.org"));
    }

    @Test
    void refusesWeakKeysWeakHashesAndAlteredRequests() {
        assertRefused(TestCsrs.rsa(1024, "example.com"), "1024-bit RSA");
        assertRefused(TestCsrs.ec("secp256k1", "example.com"), "curve");
        assertRefused(TestCsrs.rsaSha1("example.com"), "SHA-256");
        assertRefused(TestCsrs.tampered("example.com"), "does not verify");
        assertRefused("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----", "damaged");
        assertRefused("hello", "not a PEM");
    }

    private static void assertRefused(String pem, String reason) {
        var refused = assertThrows(CsrInspector.InvalidCsr.class, () -> CsrInspector.inspect(pem));
        assertThat(refused.getMessage(), containsString(reason));
    }
}
