package com.certtrack.ca.acme;

import com.certtrack.ca.crypto.Pem;
import com.certtrack.ca.issuance.CompromisedKey;
import com.certtrack.ca.issuance.LeafCertificate;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * revokeCert (RFC 8555 §7.6): by the account that ordered the certificate (kid), or by anyone holding the
 * certificate's private key (jwk = the certificate's key). OCSP and the CRL show the revocation at once.
 */
@ApplicationScoped
public class AcmeRevocations {

    private static final Logger LOG = Logger.getLogger(AcmeRevocations.class);
    /** unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation (BR 7.2.2). */
    private static final Set<Integer> REASONS = Set.of(0, 1, 3, 4, 5);

    private final JwsVerifier jws;

    public AcmeRevocations(JwsVerifier jws) {
        this.jws = jws;
    }

    @Transactional
    public void revoke(String body, AcmeUrls urls) {
        SignedRequest request = jws.verify(body, urls.revokeCert(), JwsVerifier.KeyMode.EITHER);
        JsonNode payload = request.object();
        byte[] der;
        X509Certificate certificate;
        try {
            der = Base64.getUrlDecoder().decode(payload.path("certificate").asText(""));
            certificate = Pem.certificate(der);
        } catch (RuntimeException e) {
            throw AcmeProblem.malformed("'certificate' must be the DER certificate in base64url.");
        }
        LeafCertificate leaf = LeafCertificate.bySerial(
                        certificate.getSerialNumber().toString(16))
                .filter(found -> Arrays.equals(found.der, der))
                .orElse(null);
        if (leaf == null) {
            throw new AcmeProblem(404, "malformed", "This CA did not issue that certificate.");
        }
        leaf = LeafCertificate.findById(leaf.id, LockModeType.PESSIMISTIC_WRITE);
        authorise(request, leaf, certificate);
        int reason = payload.path("reason").asInt(0);
        if (!payload.path("reason").isMissingNode() && !payload.path("reason").isInt() || !REASONS.contains(reason)) {
            throw new AcmeProblem(
                    400,
                    "badRevocationReason",
                    "The reason must be one of 0 (unspecified), 1 "
                            + "(keyCompromise), 3 (affiliationChanged), 4 (superseded), 5 (cessationOfOperation).");
        }
        if (leaf.revokedAt != null) {
            throw new AcmeProblem(400, "alreadyRevoked", "The certificate is already revoked.");
        }
        leaf.revokedAt = Instant.now();
        leaf.revocationReason = reason;
        if (reason == 1) {
            CompromisedKey.report(leaf.publicKeySha256);
        }
        LOG.infof("ACME revocation of serial %s, reason %d", leaf.serialNumber, reason);
    }

    private static void authorise(SignedRequest request, LeafCertificate leaf, X509Certificate certificate) {
        if (request.account() != null) {
            AcmeOrder order = leaf.acmeOrderId == null ? null : AcmeOrder.findById(leaf.acmeOrderId);
            if (order == null || !order.accountId.equals(request.account().id)) {
                throw AcmeProblem.unauthorized("This account did not order the certificate; sign the request "
                        + "with the certificate's key instead.");
            }
            return;
        }
        try {
            String certificateKey = JWK.parse(certificate).computeThumbprint().toString();
            if (!certificateKey.equals(request.key().computeThumbprint().toString())) {
                throw AcmeProblem.unauthorized(
                        "The request is signed neither by the ordering account nor by the certificate's key.");
            }
        } catch (JOSEException e) {
            throw AcmeProblem.unauthorized("The certificate's key cannot sign ACME requests.");
        }
    }
}
