package com.certtrack.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final String HASH = "a".repeat(64);
    private static final String SEALED = "MIAGCSqGSIb3DQEHA6CAMIACAQAxggE=";
    private static final String CHAIN = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    private static final List<DomainValidation> DOMAINS = List.of(new DomainValidation(
            "example.com", DcvMethod.DNS_TXT, DcvStatus.PENDING, "Add a TXT record", "_dnsauth.example.com", "t0k3n"));

    static Stream<CertTrackEvent> samples() {
        return Stream.of(
                OrderPlaced.of(
                        UUID.randomUUID(),
                        NOW,
                        "CT-7K3M9Q2X",
                        new OrderPlaced.Customer("Ada", "ada@example.com", null),
                        List.of(
                                new OrderPlaced.Line(
                                        "L1",
                                        Product.DV_SINGLE,
                                        List.of("example.com"),
                                        DcvMethod.HTTP_FILE,
                                        null,
                                        null),
                                new OrderPlaced.Line("L2", Product.CAAS, null, null, null, 12),
                                new OrderPlaced.Line(
                                        "L3",
                                        Product.DV_SINGLE,
                                        List.of("example.com"),
                                        DcvMethod.DNS_TXT,
                                        null,
                                        null,
                                        "L1"))),
                CaOrderSubmitted.of(
                        UUID.randomUUID(),
                        NOW,
                        "CT-7K3M9Q2X",
                        "L1",
                        Product.DV_SINGLE,
                        "CA-1",
                        HASH,
                        SEALED,
                        CaOrderStatus.PENDING_VALIDATION,
                        DOMAINS),
                CaOrderStatusChanged.of(
                        UUID.randomUUID(),
                        NOW,
                        "CT-7K3M9Q2X",
                        "L1",
                        "CA-1",
                        HASH,
                        CaOrderStatus.ISSUED,
                        CaOrderStatus.PENDING_VALIDATION,
                        DOMAINS,
                        new IssuedCertificate("0a1b", "b".repeat(64), NOW, NOW.plusSeconds(86_400), CHAIN),
                        null),
                CaasProvisioned.of(
                        UUID.randomUUID(),
                        NOW,
                        "CT-7K3M9Q2X",
                        "L2",
                        HASH,
                        SEALED,
                        "kid-1",
                        SEALED,
                        "https://ca.example/acme/directory",
                        NOW,
                        NOW.plusSeconds(7 * 86_400)),
                ReissueRequested.of(
                        UUID.randomUUID(),
                        NOW,
                        "CT-7K3M9Q2X",
                        "L1",
                        "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
                        List.of("example.com")),
                RefreshRequested.of(UUID.randomUUID(), NOW, "CT-7K3M9Q2X", "L1"),
                CaOrderChecked.of(
                        UUID.randomUUID(), NOW, "CT-7K3M9Q2X", "L1", HASH, CaOrderStatus.PENDING_VALIDATION, NOW),
                DcvActionRequested.of(
                        UUID.randomUUID(),
                        NOW,
                        "CT-7K3M9Q2X",
                        "L1",
                        "example.com",
                        DcvAction.CHANGE_METHOD,
                        DcvMethod.DNS_CNAME),
                CancelRequested.of(UUID.randomUUID(), NOW, "CT-7K3M9Q2X", "L1", "ordered by mistake"),
                RevokeRequested.of(
                        UUID.randomUUID(),
                        NOW,
                        "CT-7K3M9Q2X",
                        "L1",
                        List.of("0a1b", "7f"),
                        RevocationReason.SUPERSEDED),
                ReminderSettingsChanged.of(
                        UUID.randomUUID(), NOW, "CT-7K3M9Q2X", "L1", ReminderSettingsChanged.DEFAULT_DAYS),
                CertificateRevoked.of(
                        UUID.randomUUID(),
                        NOW,
                        "CT-7K3M9Q2X",
                        "L1",
                        HASH,
                        "0a1b",
                        RevocationReason.KEY_COMPROMISE,
                        NOW),
                CaCommandRejected.of(
                        UUID.randomUUID(),
                        NOW,
                        "CT-7K3M9Q2X",
                        "L1",
                        UUID.randomUUID(),
                        CancelRequested.TYPE,
                        "The certificate is already issued: revoke it instead."),
                CredentialRevealed.of(UUID.randomUUID(), NOW, "CT-7K3M9Q2X", "L2", "192.0.2.10", "REVEALED"),
                CaIntermediatesPublished.of(UUID.randomUUID(), NOW, "stand-in", List.of(CHAIN)),
                NotificationSent.of(
                        UUID.randomUUID(),
                        NOW,
                        "CT-7K3M9Q2X",
                        "L1",
                        "shipment",
                        "ada@example.com",
                        UUID.randomUUID(),
                        "<m1@certtrack>"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyEventSerialisesToJsonThatValidatesAgainstItsSchema(CertTrackEvent event) throws Exception {
        String json = JSON.writeValueAsString(event);
        var errors = schemaOf(event.getClass()).validate(json, InputFormat.JSON);
        assertTrue(errors.isEmpty(), () -> event.eventType() + ": " + errors + " in " + json);
        assertEquals(event.getClass().getSimpleName(), event.eventType());
        assertEquals(event, JSON.readValue(json, event.getClass()), "round trip");
    }

    @Test
    void everyEventTypeHasASchema() {
        assertEquals(samples().count(), CertTrackEvent.class.getPermittedSubclasses().length);
        Arrays.stream(CertTrackEvent.class.getPermittedSubclasses()).forEach(type -> assertNotNull(schemaOf(type)));
    }

    @Test
    void schemaRejectsAWrongTypeAndAPlaintextSecretField() throws Exception {
        var json = JSON.readTree(JSON.writeValueAsString(RefreshRequested.of(UUID.randomUUID(), NOW, "CT-1", "L1")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("eventType", "OrderPlaced");
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("caReference", "ABCD-EFGH");
        var errors = schemaOf(RefreshRequested.class).validate(json.toString(), InputFormat.JSON);
        assertFalse(errors.isEmpty());
        assertEquals(2, errors.size(), errors::toString);
    }

    @Test
    void aVersionOneReissueWithItsReferenceHashStillValidatesAndParses() throws Exception {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(JSON.writeValueAsString(ReissueRequested.of(
                        UUID.randomUUID(),
                        NOW,
                        "CT-1",
                        "L1",
                        "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
                        null)));
        json.put("schemaVersion", 1).put("caReferenceHash", HASH);
        var errors = schemaOf(ReissueRequested.class).validate(json.toString(), InputFormat.JSON);
        assertTrue(errors.isEmpty(), errors::toString);
        // As the services read events: unknown fields ignored (Quarkus's default ObjectMapper).
        ReissueRequested read = JSON.copy()
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(json.toString(), ReissueRequested.class);
        assertEquals("L1", read.lineId());
        assertEquals(1, read.schemaVersion());
    }

    private static Schema schemaOf(Class<?> type) {
        InputStream in = EventSchemaTest.class.getResourceAsStream("/schemas/" + type.getSimpleName() + ".json");
        assertNotNull(in, "schema for " + type.getSimpleName());
        return SCHEMAS.getSchema(in);
    }
}
