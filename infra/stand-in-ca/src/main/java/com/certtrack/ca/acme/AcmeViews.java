package com.certtrack.ca.acme;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The JSON objects of RFC 8555 §7.1, as answered to clients. */
public final class AcmeViews {

    public static final String HTTP_01 = "http-01";
    public static final String DNS_01 = "dns-01";

    private AcmeViews() {}

    public record Identifier(String type, String value) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Account(String status, List<String> contact, String orders) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Order(
            String status,
            Instant expires,
            List<Identifier> identifiers,
            List<String> authorizations,
            @JsonProperty("finalize") String finalizeUrl,
            String certificate,
            @JsonRawValue String error) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Challenge(
            String type,
            String url,
            String status,
            String token,
            Instant validated,
            @JsonRawValue String error) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Authorization(
            String status, Instant expires, Identifier identifier, List<Challenge> challenges, Boolean wildcard) {}

    public record OrderList(List<String> orders) {}

    public static Account account(AcmeClientAccount account, AcmeUrls urls) {
        List<String> contact = account.contact == null || account.contact.isEmpty()
                ? List.of()
                : Arrays.asList(account.contact.split("\n"));
        return new Account(account.status.name(), contact, urls.accountOrders(account.id));
    }

    public static Order order(AcmeOrder order, List<AcmeAuthorization> authorizations, AcmeUrls urls) {
        return new Order(
                order.status.name(),
                seconds(order.expiresAt),
                order.identifierList().stream()
                        .map(name -> new Identifier("dns", name))
                        .toList(),
                authorizations.stream().map(a -> urls.authorization(a.id)).toList(),
                urls.finalizeOrder(order.id),
                order.certificateId == null ? null : urls.certificate(order.certificateId),
                order.error);
    }

    public static Authorization authorization(AcmeAuthorization authorization, AcmeUrls urls) {
        List<Challenge> challenges = new ArrayList<>();
        if (!authorization.wildcard) {
            challenges.add(challenge(authorization, HTTP_01, urls));
        }
        challenges.add(challenge(authorization, DNS_01, urls));
        if (authorization.status == AcmeAuthorization.Status.valid) {
            // RFC 8555 §7.1.4: a valid authorization lists the challenge that validated it.
            challenges.removeIf(c -> !c.type().equals(authorization.challengeType));
        }
        return new Authorization(
                authorization.status.name(),
                seconds(authorization.expiresAt),
                new Identifier("dns", authorization.identifier),
                challenges,
                authorization.wildcard ? Boolean.TRUE : null);
    }

    public static Challenge challenge(AcmeAuthorization authorization, String type, AcmeUrls urls) {
        boolean answered = type.equals(authorization.challengeType);
        String status = answered
                ? authorization.challengeStatus
                : authorization.status == AcmeAuthorization.Status.pending ? "pending" : "invalid";
        return new Challenge(
                type,
                urls.challenge(authorization.id, type),
                status,
                authorization.token,
                answered && "valid".equals(status) ? seconds(authorization.validatedAt) : null,
                answered ? authorization.challengeError : null);
    }

    private static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
