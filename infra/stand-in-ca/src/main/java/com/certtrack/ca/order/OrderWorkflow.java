package com.certtrack.ca.order;

import com.certtrack.ca.issuance.CheckedCsr;
import com.certtrack.ca.issuance.CsrRejectedException;
import com.certtrack.ca.issuance.IssuanceService;
import com.certtrack.ca.issuance.LeafCertificate;
import com.certtrack.ca.issuance.LeafCertificateBuilder.LeafSpec;
import com.certtrack.ca.issuance.ValidationLevel;
import com.certtrack.contracts.CaOrderStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/** Moves an order forward once nothing blocks it: every domain validated, organisation approved, a CSR at hand. */
@ApplicationScoped
public class OrderWorkflow {

    private static final Logger LOG = Logger.getLogger(OrderWorkflow.class);

    private final IssuanceService issuance;

    public OrderWorkflow(IssuanceService issuance) {
        this.issuance = issuance;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(CaOrder order) {
        if (order.status != CaOrderStatus.PENDING_VALIDATION && order.status != CaOrderStatus.REISSUE_PENDING) {
            return;
        }
        if (!order.allDomainsValidated() || order.csrPem == null
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
            order.updatedAt = java.time.Instant.now();
            LOG.infof("order %s: CSR no longer acceptable (%s); waiting for a new one", order.id, e.getMessage());
            return;
        }
        LeafSpec spec = new LeafSpec(csr.publicKey(), order.domainNames(), ValidationLevel.of(order.product),
                order.organisationName, order.organisationCountry, order.validityDays);
        LeafCertificate certificate = issuance.issue(order.id, csr, spec);
        order.currentCertificateId = certificate.id;
        order.csrPem = null;
        order.rejectionReason = null;
        order.moveTo(CaOrderStatus.ISSUED);
        LOG.infof("order %s: issued certificate serial %s", order.id, certificate.serialNumber);
    }
}
