package com.certtrack.ca.order;

import com.certtrack.ca.CaConfig;
import com.certtrack.ca.dcv.DcvService;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.DcvStatus;
import com.certtrack.support.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * What a subscriber can do about one domain's validation while the order waits for it: switch the DCV method
 * (new token and instructions), have the approval e-mail sent again, or have the domain checked now.
 */
@ApplicationScoped
public class DomainActions {

    private final OrderService orders;
    private final OrderViews views;
    private final OrderWorkflow workflow;
    private final DcvService dcv;
    private final CaConfig config;

    public DomainActions(
            OrderService orders, OrderViews views, OrderWorkflow workflow, DcvService dcv, CaConfig config) {
        this.orders = orders;
        this.views = views;
        this.workflow = workflow;
        this.dcv = dcv;
        this.config = config;
    }

    public OrderApi.OrderView changeMethod(String client, UUID orderId, String name, DcvMethod method) {
        if (method == null) {
            throw ProblemException.invalid("dcvMethod", "must be one of HTTP_FILE, DNS_TXT, DNS_CNAME, EMAIL");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            OrderDomain domain = waitingDomain(client, orderId, name);
            if (method == DcvMethod.HTTP_FILE && domain.name.startsWith("*.")) {
                throw ProblemException.invalid(
                        "dcvMethod",
                        "HTTP_FILE cannot validate a wildcard (CA/B Forum BR "
                                + "3.2.2.4.18); use DNS_TXT, DNS_CNAME or EMAIL.");
            }
            SupersededApprovalToken.forget(domain);
            domain.dcvMethod = method;
            domain.newToken();
            if (config.dcv().autoApprove()) {
                domain.validated("approved at once (development setting certtrack.ca.dcv.auto-approve)");
            }
            domain.order.updatedAt = Instant.now();
            workflow.advance(domain.order);
            return views.view(domain.order);
        });
    }

    /** A new link by a new e-mail, sent now; the earlier links stay valid until one of them is used. */
    public OrderApi.OrderView resendApproval(String client, UUID orderId, String name) {
        UUID domainId = QuarkusTransaction.requiringNew().call(() -> {
            OrderDomain domain = waitingDomain(client, orderId, name);
            if (domain.dcvMethod != DcvMethod.EMAIL) {
                throw OrderService.conflict(domain.name + " is validated by " + domain.dcvMethod + ", not by e-mail; "
                        + "change its DCV method to EMAIL to get an approval e-mail.");
            }
            SupersededApprovalToken.keep(domain);
            domain.newToken();
            // Claimed for this request: the scheduled round does not send it a second time.
            domain.emailSentAt = Instant.now();
            domain.order.updatedAt = domain.emailSentAt;
            return domain.id;
        });
        dcv.sendApproval(domainId);
        return orders.view(client, orderId);
    }

    public OrderApi.OrderView check(String client, UUID orderId, String name) {
        UUID domainId = QuarkusTransaction.requiringNew().call(() -> {
            OrderDomain domain = domain(orders.owned(client, orderId), name, false);
            if (domain.dcvStatus == DcvStatus.VALIDATED) {
                return null;
            }
            requireWaiting(domain);
            if (domain.dcvStatus == DcvStatus.FAILED) {
                throw OrderService.conflict("The token of " + domain.name + " expired; change its DCV method (the "
                        + "same method is allowed) to get a new token.");
            }
            if (domain.dcvMethod == DcvMethod.EMAIL) {
                throw OrderService.conflict(domain.name + " is validated by e-mail: there is nothing to check; "
                        + "resend the approval e-mail instead.");
            }
            return domain.id;
        });
        if (domainId != null) {
            dcv.checkDomain(domainId);
        }
        return orders.view(client, orderId);
    }

    /** The domain, locked, of an order waiting for validation, not yet validated. */
    private OrderDomain waitingDomain(String client, UUID orderId, String name) {
        OrderDomain domain = domain(orders.owned(client, orderId), name, true);
        if (domain.dcvStatus == DcvStatus.VALIDATED) {
            throw OrderService.conflict(domain.name + " is already validated.");
        }
        requireWaiting(domain);
        return domain;
    }

    private static void requireWaiting(OrderDomain domain) {
        CaOrderStatus status = domain.order.status;
        if (status != CaOrderStatus.PENDING_VALIDATION && status != CaOrderStatus.REISSUE_PENDING) {
            throw OrderService.conflict("The order is " + status + "; it is not waiting for domain validation.");
        }
    }

    private static OrderDomain domain(CaOrder order, String name, boolean lock) {
        String canonical = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        canonical = canonical.endsWith(".") ? canonical.substring(0, canonical.length() - 1) : canonical;
        for (OrderDomain domain : order.domains) {
            if (domain.name.equals(canonical)) {
                if (lock) {
                    // Reloaded under the lock: a concurrent check or approval may have changed it meanwhile.
                    OrderDomain.getEntityManager().refresh(domain, LockModeType.PESSIMISTIC_WRITE);
                }
                return domain;
            }
        }
        throw ProblemException.notFound("The order has no domain " + name + ".");
    }
}
