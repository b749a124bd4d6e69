package com.certtrack.ca.dcv;

import com.certtrack.ca.CaConfig;
import com.certtrack.ca.order.CaOrder;
import com.certtrack.ca.order.OrderDomain;
import com.certtrack.ca.order.OrderWorkflow;
import com.certtrack.ca.order.SupersededApprovalToken;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.support.problem.Problem;
import com.certtrack.support.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs domain-control validation: claims due checks (replicas skip each other's rows), checks outside any
 * transaction, records the result and moves the order on; sends and approves EMAIL requests.
 */
@ApplicationScoped
public class DcvService {

    private static final Logger LOG = Logger.getLogger(DcvService.class);
    private static final int BATCH = 20;
    private static final String ACTIVE = "('PENDING_VALIDATION', 'REISSUE_PENDING')";

    private final DcvChecker checker;
    private final DcvMailer mailer;
    private final OrderWorkflow workflow;
    private final CaConfig config;
    private final EntityManager entityManager;

    public DcvService(
            DcvChecker checker,
            DcvMailer mailer,
            OrderWorkflow workflow,
            CaConfig config,
            EntityManager entityManager) {
        this.checker = checker;
        this.mailer = mailer;
        this.workflow = workflow;
        this.config = config;
        this.entityManager = entityManager;
    }

    /** One scheduled round: expire stale tokens, run due checks, send pending approval e-mails. */
    public void runDue() {
        QuarkusTransaction.requiringNew().run(this::expireTokens);
        List<DcvChecker.Check> due = QuarkusTransaction.requiringNew().call(this::claimDueChecks);
        due.forEach(this::checkAndRecord);
        List<OrderDomain> mails = QuarkusTransaction.requiringNew().call(this::claimDueMails);
        for (OrderDomain domain : mails) {
            send(domain.id, domain.validationName(), domain.token, domain.tokenCreatedAt);
        }
    }

    /** Checks the order's pending HTTP and DNS domains now (the API's {@code dcv/check}). */
    public void checkOrder(UUID orderId) {
        List<DcvChecker.Check> checks = QuarkusTransaction.requiringNew().call(() -> {
            CaOrder order = CaOrder.findById(orderId);
            if (order == null
                    || (order.status != CaOrderStatus.PENDING_VALIDATION
                            && order.status != CaOrderStatus.REISSUE_PENDING)) {
                return List.<DcvChecker.Check>of();
            }
            if (order.allDomainsValidated()) {
                // Nothing to check: try issuing again, e.g. after the subscriber fixed a CAA record.
                workflow.advance(order);
            }
            return order.domains.stream()
                    .filter(d -> d.dcvStatus == DcvStatus.PENDING && d.dcvMethod != DcvMethod.EMAIL)
                    .map(DcvService::check)
                    .toList();
        });
        checks.forEach(this::checkAndRecord);
    }

    /** Tokens are URL-safe base64 or hex; anything else (NUL, control bytes) is unknown without asking the database. */
    private static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_\\-]{1,200}");
    }

    /** Approves an EMAIL domain from its link (the latest one, or an earlier one a resend replaced). */
    public String approve(String token) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Link link = link(token, true);
            OrderDomain domain = link.domain();
            if (domain.dcvStatus == DcvStatus.VALIDATED) {
                return domain.name;
            }
            CaOrder order = domain.order;
            if (order.status != CaOrderStatus.PENDING_VALIDATION && order.status != CaOrderStatus.REISSUE_PENDING) {
                throw new ProblemException(Problem.of(
                        409,
                        "conflict",
                        "Conflict",
                        "The order for " + domain.name + " no longer waits for approval (" + order.status + ")."));
            }
            domain.validated("approved through the e-mailed link");
            order.updatedAt = Instant.now();
            workflow.advance(order);
            return domain.name;
        });
    }

    /** The pending EMAIL domain behind a link, for the confirmation page; 404/410 when it cannot be approved. */
    public String describe(String token) {
        return QuarkusTransaction.requiringNew().call(() -> link(token, false).domain().name);
    }

    /** Checks one pending HTTP or DNS domain now (the API's {@code domains/{name}/check}). */
    public void checkDomain(UUID domainId) {
        DcvChecker.Check check = QuarkusTransaction.requiringNew().call(() -> {
            OrderDomain domain = OrderDomain.findById(domainId);
            return domain == null || domain.dcvStatus != DcvStatus.PENDING || domain.dcvMethod == DcvMethod.EMAIL
                    ? null
                    : check(domain);
        });
        if (check != null) {
            checkAndRecord(check);
        }
    }

    /** Sends the approval e-mail of a domain whose send was already claimed ({@code emailSentAt} set). */
    public void sendApproval(UUID domainId) {
        OrderDomain domain = QuarkusTransaction.requiringNew().call(() -> OrderDomain.<OrderDomain>findById(domainId));
        if (domain != null) {
            send(domain.id, domain.validationName(), domain.token, domain.tokenCreatedAt);
        }
    }

    /** An approval link: the domain it approves and when the link was issued (a link is valid for token-validity). */
    private record Link(OrderDomain domain, Instant issuedAt) {}

    private Link link(String token, boolean lock) {
        Link link = null;
        if (wellFormed(token)) {
            var current = OrderDomain.<OrderDomain>find("token = ?1 and dcvMethod = ?2", token, DcvMethod.EMAIL);
            OrderDomain domain =
                    lock ? current.withLock(LockModeType.PESSIMISTIC_WRITE).firstResult() : current.firstResult();
            if (domain != null) {
                link = new Link(domain, domain.tokenCreatedAt);
            } else {
                link = SupersededApprovalToken.byToken(token)
                        .map(old -> {
                            OrderDomain owner = lock
                                    ? OrderDomain.findById(old.domainId, LockModeType.PESSIMISTIC_WRITE)
                                    : OrderDomain.findById(old.domainId);
                            return owner == null || owner.dcvMethod != DcvMethod.EMAIL
                                    ? null
                                    : new Link(owner, old.createdAt);
                        })
                        .orElse(null);
            }
        }
        if (link == null) {
            throw ProblemException.notFound("This approval link is not valid.");
        }
        if (link.domain().dcvStatus == DcvStatus.VALIDATED) {
            return link;
        }
        if (link.domain().dcvStatus == DcvStatus.FAILED
                || link.issuedAt().plus(config.dcv().tokenValidity()).isBefore(Instant.now())) {
            throw new ProblemException(Problem.of(
                    410,
                    "link-expired",
                    "Link expired",
                    "This approval link has expired; ask for the certificate to be ordered again."));
        }
        return link;
    }

    private void checkAndRecord(DcvChecker.Check check) {
        String evidence;
        String failure;
        try {
            evidence = checker.check(check);
            failure = null;
        } catch (DcvCheckFailed e) {
            evidence = null;
            failure = e.getMessage();
        } catch (RuntimeException e) {
            LOG.warnf(
                    "DCV check of %s (%s) failed unexpectedly: %s",
                    check.validationName(), check.method(), e.toString());
            evidence = null;
            failure = "the check could not be completed; it will be retried.";
        }
        String passed = evidence;
        String reason = failure;
        QuarkusTransaction.requiringNew().run(() -> record(check.domainId(), passed, reason));
    }

    private void record(UUID domainId, String evidence, String failure) {
        OrderDomain domain = OrderDomain.findById(domainId, LockModeType.PESSIMISTIC_WRITE);
        if (domain == null || domain.dcvStatus != DcvStatus.PENDING) {
            return;
        }
        Instant now = Instant.now();
        domain.lastCheckedAt = now;
        domain.checkAttempts++;
        if (evidence != null) {
            domain.validated(evidence);
            domain.order.updatedAt = now;
            LOG.infof("order %s: %s validated by %s", domain.order.id, domain.name, domain.dcvMethod);
            workflow.advance(domain.order);
        } else {
            domain.lastCheckResult = failure;
            domain.nextCheckAt = now.plus(backoff(domain.checkAttempts));
        }
    }

    private Duration backoff(int attempts) {
        Duration interval = config.dcv().checkInterval().multipliedBy(1L << Math.min(attempts - 1, 20));
        return interval.compareTo(config.dcv().maxCheckInterval()) > 0
                ? config.dcv().maxCheckInterval()
                : interval;
    }

    private void expireTokens() {
        OrderDomain.update(
                "dcvStatus = ?1, lastCheckResult = ?2 where dcvStatus = ?3 and tokenCreatedAt < ?4",
                DcvStatus.FAILED,
                "the token expired before validation succeeded.",
                DcvStatus.PENDING,
                Instant.now().minus(config.dcv().tokenValidity()));
    }

    @SuppressWarnings("unchecked")
    private List<DcvChecker.Check> claimDueChecks() {
        List<OrderDomain> due = entityManager
                .createNativeQuery("""
                SELECT d.* FROM order_domain d JOIN ca_order o ON o.id = d.order_id
                WHERE d.dcv_status = 'PENDING' AND d.dcv_method <> 'EMAIL' AND d.next_check_at <= now()
                  AND o.status IN %s
                ORDER BY d.next_check_at LIMIT %d
                FOR UPDATE OF d SKIP LOCKED""".formatted(ACTIVE, BATCH), OrderDomain.class)
                .getResultList();
        // The claim: other replicas skip these rows until the check had time to finish.
        Instant claimedUntil = Instant.now().plus(config.dcv().timeout().multipliedBy(3));
        due.forEach(d -> d.nextCheckAt = claimedUntil);
        return due.stream().map(DcvService::check).toList();
    }

    @SuppressWarnings("unchecked")
    private List<OrderDomain> claimDueMails() {
        List<OrderDomain> due = entityManager
                .createNativeQuery("""
                SELECT d.* FROM order_domain d JOIN ca_order o ON o.id = d.order_id
                WHERE d.dcv_status = 'PENDING' AND d.dcv_method = 'EMAIL' AND d.email_sent_at IS NULL
                  AND o.status IN %s
                ORDER BY d.token_created_at LIMIT %d
                FOR UPDATE OF d SKIP LOCKED""".formatted(ACTIVE, BATCH), OrderDomain.class)
                .getResultList();
        Instant now = Instant.now();
        due.forEach(d -> d.emailSentAt = now);
        return due;
    }

    private void send(UUID domainId, String domain, String token, Instant tokenCreatedAt) {
        try {
            mailer.sendApprovalRequest(
                    domain, token, tokenCreatedAt.plus(config.dcv().tokenValidity()));
            LOG.infof("approval e-mail for %s sent", domain);
        } catch (RuntimeException e) {
            LOG.warnf("approval e-mail for %s not sent, retrying next round: %s", domain, e.toString());
            QuarkusTransaction.requiringNew().run(() -> {
                OrderDomain row = OrderDomain.findById(domainId);
                if (row != null) {
                    row.emailSentAt = null;
                }
            });
        }
    }

    private static DcvChecker.Check check(OrderDomain domain) {
        return new DcvChecker.Check(domain.id, domain.validationName(), domain.dcvMethod, domain.token);
    }
}
