package com.certtrack.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.testsupport.LoopbackDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.DClass;

/** CAA as RFC 8659 reads it: the closest non-empty record set up the tree decides, issuewild for wildcards. */
class CaaCheckTest {

    private static LoopbackChecks loopback;
    private static CaaCheck caa;

    @BeforeAll
    static void start() throws Exception {
        loopback = new LoopbackChecks();
        caa = new CaaCheck(loopback.lookup, "ca.certtrack.example");
        loopback.dns.add(caa("ours.example", "issue", "ca.certtrack.example"));
        loopback.dns.add(caa("theirs.example", "issue", "other-ca.example"));
        loopback.dns.add(caa("theirs.example", "issuewild", "ca.certtrack.example"));
    }

    @AfterAll
    static void stop() {
        loopback.close();
    }

    @Test
    void theClosestRecordSetUpTheTreeDecides() {
        assertEquals("CAA_ALLOWS", caa.check("www.ours.example").code());
        assertEquals("CAA_NONE", caa.check("www.none.example").code());
        Finding forbids = caa.check("shop.theirs.example");
        assertEquals("CAA_FORBIDS", forbids.code());
        assertTrue(forbids.fix().contains("theirs.example. CAA 0 issue \"ca.certtrack.example\""), forbids.fix());
    }

    @Test
    void aWildcardIsJudgedByIssuewild() {
        assertEquals("CAA_ALLOWS", caa.check("*.theirs.example").code());
    }

    private static CAARecord caa(String name, String tag, String value) throws Exception {
        return new CAARecord(LoopbackDnsServer.name(name), DClass.IN, 60, 0, tag, value);
    }
}
