package com.certtrack.ca.order;

import com.certtrack.ca.CaConfig;
import com.certtrack.ca.crypto.Pem;
import com.certtrack.ca.crypto.SecretSealer;
import com.certtrack.ca.issuance.CompromisedKey;
import com.certtrack.ca.issuance.CsrRejectedException;
import com.certtrack.ca.issuance.IssuanceService;
import com.certtrack.ca.issuance.LeafCertificate;
import com.certtrack.ca.issuance.ValidationLevel;
import com.certtrack.ca.policy.NamePolicy;
import com.certtrack.ca.revocation.RevocationReason;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.support.certificates.SerialNumbers;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import com.certtrack.support.reference.CaReference;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The order use cases of the API: create (idempotent), reissue, revoke, cancel, organisation validation. */
@ApplicationScoped
public class OrderService {

    /** What {@link #create} answers: the order, and whether it is a replay of an earlier request. */
    public record Creation(OrderApi.OrderCreated order, boolean replay) {}

    private static final Set<CaOrderStatus> REISSUABLE =
            EnumSet.of(CaOrderStatus.ISSUED, CaOrderStatus.REISSUE_PENDING, CaOrderStatus.PENDING_VALIDATION);

    private final CaConfig config;
    private final SecretSealer sealer;
    private final IssuanceService issuance;
    private final OrderWorkflow workflow;
    private final OrderViews views;
    private final ObjectMapper mapper;
    private final EntityManager entityManager;
    private final NamePolicy names;

    public OrderService(
            CaConfig config,
            SecretSealer sealer,
            IssuanceService issuance,
            OrderWorkflow workflow,
            OrderViews views,
            ObjectMapper mapper,
            EntityManager entityManager,
            NamePolicy names) {
        this.names = names;
        this.config = config;
        this.sealer = sealer;
        this.issuance = issuance;
        this.workflow = workflow;
        this.views = views;
        this.mapper = mapper;
        this.entityManager = entityManager;
    }

    @Transactional
    public Creation create(String client, OrderApi.CreateOrderRequest request) {
        // Concurrent requests with one clientOrderId queue here, so the second one sees the first one's order.
        lockClientOrder(client, request.clientOrderId());
        String requestHash = Pem.sha256Hex(json(request));
        var existing = CaOrder.byClientOrderId(client, request.clientOrderId());
        if (existing.isPresent()) {
            CaOrder order = existing.get();
            if (!order.requestSha256.equals(requestHash)) {
                throw conflict("clientOrderId " + request.clientOrderId() + " was already used for a different "
                        + "order; use a new clientOrderId for a new order.");
            }
            return new Creation(created(order), true);
        }
        List<OrderApi.DomainRequest> domains =
                DomainRules.check(request.product(), request.domains(), "domains", names);
        ValidationLevel level = ValidationLevel.of(request.product());
        int validityDays = request.validityDays() == null ? config.maxValidityDays() : request.validityDays();
        if (validityDays < 1 || validityDays > config.maxValidityDays()) {
            throw ProblemException.invalid(
                    "validityDays",
                    "must be between 1 and " + config.maxValidityDays() + " days (CA/Browser Forum limit in force).");
        }
        if (level.requiresOrganisation() && request.organisation() == null) {
            throw ProblemException.invalid(
                    "organisation",
                    request.product() + " certifies an organisation: send "
                            + "organisation.name and organisation.country.");
        }
        CaOrder order = new CaOrder();
        order.id = UUID.randomUUID();
        order.clientId = client;
        order.clientOrderId = request.clientOrderId();
        order.requestSha256 = requestHash;
        order.product = request.product();
        order.validityDays = validityDays;
        if (level.requiresOrganisation()) {
            order.organisationName = request.organisation().name().trim();
            order.organisationCountry = request.organisation().country();
        }
        order.organisationValidation = level.requiresOrganisation()
                ? CaOrder.OrganisationValidation.PENDING
                : CaOrder.OrganisationValidation.NOT_REQUIRED;
        order.createdAt = Instant.now();
        order.status = CaOrderStatus.PENDING_VALIDATION;
        order.updatedAt = order.createdAt;
        for (OrderApi.DomainRequest domain : domains) {
            order.domains.add(newDomain(order, domain));
        }
        if (request.csr() != null) {
            order.csrPem = checkCsr(request.csr(), order.domainNames());
        }
        order.sealedCaReference = sealer.seal(CaReference.generate(), referencePurpose(order));
        order.persist();
        workflow.advance(order);
        return new Creation(created(order), false);
    }

    @Transactional
    public OrderApi.OrderView view(String client, UUID orderId) {
        return views.view(owned(client, orderId));
    }

    @Transactional
    public OrderApi.OrderView reissue(String client, UUID orderId, OrderApi.ReissueRequest request) {
        CaOrder order = owned(client, orderId);
        if (!REISSUABLE.contains(order.status)) {
            throw conflict("An order in status " + order.status + " cannot be reissued.");
        }
        if (request.csr() == null || request.csr().isBlank()) {
            throw ProblemException.invalid("csr", "A reissue needs a CSR for the new key.");
        }
        if (request.domains() != null) {
            replaceDomains(
                    order, DomainRules.check(order.product, withMethods(order, request.domains()), "domains", names));
        }
        order.csrPem = checkCsr(request.csr(), order.domainNames());
        order.moveTo(
                order.currentCertificateId == null ? CaOrderStatus.PENDING_VALIDATION : CaOrderStatus.REISSUE_PENDING);
        workflow.advance(order);
        return views.view(order);
    }

    @Transactional
    public OrderApi.OrderView revoke(String client, UUID orderId, OrderApi.RevokeRequest request) {
        RevocationReason reason = RevocationReason.fromApi(request.reason())
                .orElseThrow(() -> ProblemException.invalid("reason", "must be one of " + RevocationReason.apiNames()));
        CaOrder order = owned(client, orderId);
        if (order.status != CaOrderStatus.ISSUED && order.status != CaOrderStatus.REISSUE_PENDING) {
            throw conflict("Only an issued certificate can be revoked; the order is " + order.status + ".");
        }
        Instant now = Instant.now();
        for (LeafCertificate certificate : LeafCertificate.unrevokedOf(order.id)) {
            revoke(certificate, reason, now);
        }
        order.csrPem = null;
        order.moveTo(CaOrderStatus.REVOKED);
        return views.view(order);
    }

    /**
     * Revokes one certificate of the order. The current one ends the order ({@code REVOKED}); a superseded one (an
     * earlier certificate replaced by a reissue) leaves the order as it is.
     */
    @Transactional
    public OrderApi.OrderView revokeCertificate(
            String client, UUID orderId, String serialHex, OrderApi.RevokeRequest request) {
        RevocationReason reason = RevocationReason.fromApi(request.reason())
                .orElseThrow(() -> ProblemException.invalid("reason", "must be one of " + RevocationReason.apiNames()));
        CaOrder order = owned(client, orderId);
        LeafCertificate certificate = SerialNumbers.normalise(serialHex)
                .flatMap(serial -> LeafCertificate.ofOrder(order.id, serial))
                .orElseThrow(() -> ProblemException.notFound(
                        "The order has no certificate with serial number " + serialHex + "."));
        Instant now = Instant.now();
        if (certificate.revokedAt != null) {
            throw conflict("Certificate " + certificate.serialNumber + " was already revoked at "
                    + certificate.revokedAt + ".");
        }
        if (certificate.notAfter.isBefore(now)) {
            throw conflict("Certificate " + certificate.serialNumber + " expired at " + certificate.notAfter
                    + "; an expired certificate is not revoked.");
        }
        revoke(certificate, reason, now);
        boolean current = certificate.id.equals(order.currentCertificateId);
        if (current && (order.status == CaOrderStatus.ISSUED || order.status == CaOrderStatus.REISSUE_PENDING)) {
            order.csrPem = null;
            order.moveTo(CaOrderStatus.REVOKED);
        } else {
            order.updatedAt = now;
        }
        return views.view(order);
    }

    private static void revoke(LeafCertificate certificate, RevocationReason reason, Instant at) {
        certificate.revokedAt = at;
        certificate.revocationReason = reason.code;
        if (reason == RevocationReason.KEY_COMPROMISE) {
            CompromisedKey.report(certificate.publicKeySha256);
        }
    }

    @Transactional
    public OrderApi.OrderView cancel(String client, UUID orderId) {
        CaOrder order = owned(client, orderId);
        if (order.currentCertificateId != null
                || (order.status != CaOrderStatus.SUBMITTED && order.status != CaOrderStatus.PENDING_VALIDATION)) {
            throw conflict("Only an order without a certificate can be cancelled; the order is " + order.status
                    + ". Revoke an issued certificate instead.");
        }
        order.csrPem = null;
        order.moveTo(CaOrderStatus.CANCELLED);
        return views.view(order);
    }

    @Transactional
    public String certificate(String client, UUID orderId, String format) {
        boolean chain = switch (format == null ? "pem" : format) {
            case "pem" -> false;
            case "chain" -> true;
            default -> throw ProblemException.invalid("format", "must be pem or chain");
        };
        CaOrder order = owned(client, orderId);
        if (order.currentCertificateId == null) {
            throw ProblemException.notFound(
                    "No certificate has been issued for this order yet (status " + order.status + ").");
        }
        return issuance.pem(LeafCertificate.findById(order.currentCertificateId), chain);
    }

    @Transactional
    public OrderApi.OrderView organisationValidation(UUID orderId, OrderApi.OrganisationValidationRequest request) {
        CaOrder order = CaOrder.findById(orderId);
        if (order == null) {
            throw ProblemException.notFound("No order " + orderId + ".");
        }
        if (order.organisationValidation != CaOrder.OrganisationValidation.PENDING || order.status.isTerminal()) {
            throw conflict("Order " + orderId + " has no pending organisation validation (" + order.product + ", "
                    + order.organisationValidation + ", " + order.status + ").");
        }
        if (Boolean.TRUE.equals(request.approved())) {
            order.organisationValidation = CaOrder.OrganisationValidation.APPROVED;
            order.updatedAt = Instant.now();
            workflow.advance(order);
        } else {
            if (request.reason() == null || request.reason().isBlank()) {
                throw ProblemException.invalid("reason", "A rejection needs a reason for the subscriber.");
            }
            order.organisationValidation = CaOrder.OrganisationValidation.REJECTED;
            order.rejectionReason = request.reason().trim();
            order.csrPem = null;
            order.moveTo(CaOrderStatus.REJECTED);
        }
        return views.view(order);
    }

    /** Issued orders whose certificate has run out become EXPIRED. */
    @Transactional
    public int expireIssued() {
        List<CaOrder> expired = CaOrder.list(
                "status = ?1 and currentCertificateId in "
                        + "(select c.id from LeafCertificate c where c.notAfter < ?2)",
                CaOrderStatus.ISSUED,
                Instant.now());
        expired.forEach(order -> order.moveTo(CaOrderStatus.EXPIRED));
        return expired.size();
    }

    public CaOrder owned(String client, UUID orderId) {
        CaOrder order = orderId == null ? null : CaOrder.findById(orderId);
        if (order == null || !order.clientId.equals(client)) {
            throw ProblemException.notFound("No order " + orderId + " for this API key.");
        }
        return order;
    }

    private OrderApi.OrderCreated created(CaOrder order) {
        return new OrderApi.OrderCreated(
                order.id,
                sealer.openString(order.sealedCaReference, referencePurpose(order)),
                order.status,
                order.product,
                views.domains(order),
                order.createdAt);
    }

    private String checkCsr(String csr, List<String> domains) {
        try {
            return issuance.check(csr, domains).pem();
        } catch (CsrRejectedException e) {
            throw ProblemException.invalid("csr", e.getMessage());
        }
    }

    private void replaceDomains(CaOrder order, List<OrderApi.DomainRequest> requested) {
        List<OrderDomain> kept = order.domains.stream()
                .filter(d -> d.dcvStatus == DcvStatus.VALIDATED
                        && requested.stream().anyMatch(r -> r.name().equals(d.name) && r.dcvMethod() == d.dcvMethod))
                .toList();
        order.domains.removeIf(d -> !kept.contains(d));
        for (OrderApi.DomainRequest domain : requested) {
            if (kept.stream().noneMatch(d -> d.name.equals(domain.name()))) {
                order.domains.add(newDomain(order, domain));
            }
        }
        for (OrderDomain domain : order.domains) {
            domain.position = indexOf(requested, domain.name);
        }
        order.domains.sort(java.util.Comparator.comparingInt(d -> d.position));
    }

    /** A bare name in a reissue keeps its current DCV method; a new bare name takes the order's first one. */
    private static List<OrderApi.DomainRequest> withMethods(CaOrder order, List<OrderApi.DomainRequest> requested) {
        return requested.stream()
                .map(domain -> domain.dcvMethod() != null || domain.name() == null
                        ? domain
                        : new OrderApi.DomainRequest(
                                domain.name(),
                                order.domains.stream()
                                        .filter(d -> d.name.equalsIgnoreCase(
                                                domain.name().trim()))
                                        .findFirst()
                                        .orElse(order.domains.get(0))
                                        .dcvMethod))
                .toList();
    }

    private static int indexOf(List<OrderApi.DomainRequest> domains, String name) {
        for (int i = 0; i < domains.size(); i++) {
            if (domains.get(i).name().equals(name)) {
                return i;
            }
        }
        return domains.size();
    }

    private OrderDomain newDomain(CaOrder order, OrderApi.DomainRequest request) {
        OrderDomain domain = new OrderDomain();
        domain.id = UUID.randomUUID();
        domain.order = order;
        domain.position = order.domains.size();
        domain.name = request.name();
        domain.dcvMethod = request.dcvMethod();
        domain.newToken();
        if (config.dcv().autoApprove()) {
            domain.validated("approved at once (development setting certtrack.ca.dcv.auto-approve)");
        }
        return domain;
    }

    private void lockClientOrder(String client, String clientOrderId) {
        entityManager
                .createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) l")
                .setParameter(1, "order:" + client + "\n" + clientOrderId)
                .getSingleResult();
    }

    private byte[] json(Object request) {
        try {
            return mapper.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String referencePurpose(CaOrder order) {
        return "ca-reference:" + order.id;
    }

    static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }
}
