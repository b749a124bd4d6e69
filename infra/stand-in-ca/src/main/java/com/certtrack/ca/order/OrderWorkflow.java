package com.certtrack.ca.order;

import com.certtrack.ca.CaConfig;
import com.certtrack.ca.issuance.CheckedCsr;
import com.certtrack.ca.issuance.CsrRejectedException;
import com.certtrack.ca.issuance.IssuanceService;
import com.certtrack.ca.issuance.LeafCertificate;
import com.certtrack.ca.issuance.LeafCertificateBuilder.LeafSpec;
import com.certtrack.ca.issuance.ValidationLevel;
import com.certtrack.ca.policy.CaaCheck;
import com.certtrack.contracts.CaOrderStatus;
import com.certtrack.contracts.DcvStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Moves an order forward once nothing blocks it: every domain validated within the DCV reuse period, organisation
 * approved, a CSR at hand, and CAA allowing this CA.
 */
@ApplicationScoped
public class OrderWorkflow {

    private static final Logger LOG = Logger.getLogger(OrderWorkflow.class);

    private final IssuanceService issuance;
    private final CaaCheck caa;
    private final CaConfig config;

    public OrderWorkflow(IssuanceService issuance, CaaCheck caa, CaConfig config) {
        this.issuance = issuance;
        this.caa = caa;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(CaOrder order) {
        if (order.status != CaOrderStatus.PENDING_VALIDATION && order.status != CaOrderStatus.REISSUE_PENDING) {
            return;
        }
        revalidateStale(order);
        if (!order.allDomainsValidated()
                || order.csrPem == null
                || order.organisationValidation == CaOrder.OrganisationValidation.PENDING
                || order.organisationValidation == CaOrder.OrganisationValidation.REJECTED) {
            return;
        }
        CheckedCsr csr;
        try {
            csr = issuance.check(order.csrPem, order.domainNames());
        } catch (CsrRejectedException e) {
            // Checked on submission; only a key reported compromised since then lands here.
            order.csrPem = null;
            order.updatedAt = Instant.now();
            LOG.infof("order %s: CSR no longer acceptable (%s); waiting for a new one", order.id, e.getMessage());
            return;
        }
        Optional<String> caaRefusal = caa.refusal(order.domainNames().stream()
                .map(name -> new CaaCheck.Subject(name, null, null))
                .toList());
        if (caaRefusal.isPresent()) {
            // The order waits with the reason shown; a DCV change or POST dcv/check tries again.
            if (!caaRefusal.get().equals(order.rejectionReason)) {
                order.rejectionReason = caaRefusal.get();
                order.updatedAt = Instant.now();
            }
            LOG.infof("order %s: issuance blocked by CAA: %s", order.id, caaRefusal.get());
            return;
        }
        LeafSpec spec = new LeafSpec(
                csr.publicKey(),
                order.domainNames(),
                ValidationLevel.of(order.product),
                order.organisationName,
                order.organisationCountry,
                order.validityDays);
        LeafCertificate certificate = issuance.issue(order.id, csr, spec);
        order.currentCertificateId = certificate.id;
        order.csrPem = null;
        order.rejectionReason = null;
        order.moveTo(CaOrderStatus.ISSUED);
        LOG.infof("order %s: issued certificate serial %s", order.id, certificate.serialNumber);
    }

    /** A validation older than the reuse period (BR 4.2.1) no longer counts: the domain is validated again. */
    private void revalidateStale(CaOrder order) {
        Instant oldest = Instant.now().minus(config.policy().dcvReusePeriod());
        for (OrderDomain domain : order.domains) {
            if (domain.dcvStatus == DcvStatus.VALIDATED
                    && domain.validatedAt != null
                    && domain.validatedAt.isBefore(oldest)) {
                Instant validatedAt = domain.validatedAt;
                domain.newToken();
                domain.lastCheckResult = "the validation of " + validatedAt + " is older than the DCV reuse period ("
                        + describe(config.policy().dcvReusePeriod()) + "); validate the domain again.";
                order.updatedAt = Instant.now();
                LOG.infof("order %s: validation of %s expired for reuse; validating again", order.id, domain.name);
            }
        }
    }

    private static String describe(Duration period) {
        return period.toDays() >= 1 ? period.toDays() + " days" : period.toSeconds() + " seconds";
    }
}
