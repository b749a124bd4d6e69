package com.certtrack.tracking.checks;

import com.certtrack.tracking.outbound.OutboundHttp;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Asks the certificate's OCSP responder (RFC 6960, POST) and believes only an answer signed for the issuer. */
@ApplicationScoped
public class OcspCheck {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OutboundHttp http;

    public OcspCheck(OutboundHttp http) {
        this.http = http;
    }

    public RevocationSource check(X509Certificate leaf, X509Certificate issuer, Instant deadline) {
        List<String> urls = CertificateFacts.ocspUrls(leaf);
        if (urls.isEmpty()) {
            return RevocationSource.unknown(
                    null,
                    "NO_URL",
                    "The certificate names no OCSP responder (no OCSP URL in "
                            + "its Authority Information Access), so its status cannot be asked by OCSP.");
        }
        String url = urls.get(0);
        if (issuer == null) {
            return issuerMissing(url);
        }
        try {
            CertificateID id = new CertificateID(
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer),
                    leaf.getSerialNumber());
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            OCSPReq request = new OCSPReqBuilder()
                    .addRequest(id)
                    .setRequestExtensions(new Extensions(new Extension(
                            OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                            false,
                            new DEROctetString(new DEROctetString(nonce)))))
                    .build();
            OutboundHttp.Answer answer =
                    http.request(HttpMethod.POST, url, "application/ocsp-request", request.getEncoded(), deadline);
            if (answer.status() != 200) {
                return RevocationSource.unknown(
                        url,
                        "RESPONDER_ERROR",
                        "The OCSP responder at " + url + " answered HTTP " + answer.status()
                                + " instead of an OCSP response.");
            }
            return interpret(url, new OCSPResp(answer.body()), id, nonce, issuer);
        } catch (OutboundHttp.Failure failure) {
            return RevocationSource.fetchFailed("OCSP responder", url, failure);
        } catch (Exception e) {
            return RevocationSource.unknown(
                    url,
                    "MALFORMED_RESPONSE",
                    "The OCSP responder at " + url + " sent something that is not a readable OCSP response.");
        }
    }

    /** Also used for a response stapled by a server. */
    public RevocationSource interpret(
            String url, OCSPResp response, CertificateID id, byte[] nonce, X509Certificate issuer) throws Exception {
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            return RevocationSource.unknown(
                    url,
                    "RESPONDER_ERROR",
                    "The OCSP responder at " + url + " refused to answer (OCSP response status " + response.getStatus()
                            + ").");
        }
        BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
        if (!signedForIssuer(basic, issuer)) {
            return RevocationSource.unknown(
                    url,
                    "SIGNATURE_INVALID",
                    "The OCSP answer from " + url + " is not signed "
                            + "by the certificate's issuer nor by a responder the issuer authorised, so it cannot be trusted "
                            + "and was ignored.");
        }
        if (nonce != null) {
            Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (echoed != null
                    && !Arrays.equals(echoed.getExtnValue().getOctets(), new DEROctetString(nonce).getEncoded())) {
                return RevocationSource.unknown(
                        url,
                        "NONCE_MISMATCH",
                        "The OCSP answer from " + url + " carries a "
                                + "different nonce than the question: it may be replayed and was ignored.");
            }
        }
        SingleResp single = Arrays.stream(basic.getResponses())
                .filter(r -> r.getCertID().equals(id))
                .findFirst()
                .orElse(null);
        if (single == null) {
            return RevocationSource.unknown(
                    url,
                    "CERT_ID_MISMATCH",
                    "The OCSP answer from " + url + " is about "
                            + "another certificate than the one asked about, and was ignored.");
        }
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Instant nextUpdate =
                single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
        Instant now = Instant.now();
        if (nextUpdate != null && nextUpdate.isBefore(now)) {
            return new RevocationSource(
                    url,
                    RevocationStatus.UNKNOWN,
                    thisUpdate,
                    nextUpdate,
                    null,
                    null,
                    "STALE",
                    "The OCSP answer from " + url + " was valid until " + nextUpdate + ", which has passed: the "
                            + "responder serves an out-of-date answer, so it cannot be relied on.");
        }
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return new RevocationSource(
                    url,
                    RevocationStatus.GOOD,
                    thisUpdate,
                    nextUpdate,
                    null,
                    null,
                    null,
                    "The OCSP responder confirms the certificate is not revoked.");
        }
        if (status instanceof RevokedStatus revoked) {
            String reason =
                    RevocationSource.reasonName(revoked.hasRevocationReason() ? revoked.getRevocationReason() : 0);
            return new RevocationSource(
                    url,
                    RevocationStatus.REVOKED,
                    thisUpdate,
                    nextUpdate,
                    revoked.getRevocationTime().toInstant(),
                    reason,
                    null,
                    "The OCSP responder says the certificate was revoked on "
                            + revoked.getRevocationTime().toInstant() + " (" + reason + ").");
        }
        if (status instanceof UnknownStatus) {
            return new RevocationSource(
                    url,
                    RevocationStatus.UNKNOWN,
                    thisUpdate,
                    nextUpdate,
                    null,
                    null,
                    "RESPONDER_UNKNOWN",
                    "The OCSP responder at " + url + " does not know this certificate: it was "
                            + "not issued by this CA, or the responder is not yet aware of it.");
        }
        return RevocationSource.unknown(url, "MALFORMED_RESPONSE", "The OCSP answer has an unknown status.");
    }

    public static RevocationSource issuerMissing(String url) {
        return RevocationSource.unknown(
                url,
                "ISSUER_NOT_FOUND",
                "The certificate that issued this one (its "
                        + "intermediate) was not found: not in the pasted text, not among our intermediates, not at the "
                        + "certificate's CA Issuers URL. Without it the answer cannot be asked for or checked: paste the "
                        + "full chain (the certificate followed by its intermediates).");
    }

    private static boolean signedForIssuer(BasicOCSPResp basic, X509Certificate issuer) throws Exception {
        var verifiers = new JcaContentVerifierProviderBuilder();
        if (basic.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
            return true;
        }
        // A delegated responder: its certificate comes with the answer, issued by the issuer for OCSP signing.
        X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
        for (X509CertificateHolder responder : basic.getCerts()) {
            if (responder.isSignatureValid(verifiers.build(issuerHolder))
                    && responder.getExtensions() != null
                    && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions()) != null
                    && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions())
                            .hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)
                    && basic.isSignatureValid(verifiers.build(responder))) {
                return true;
            }
        }
        return false;
    }
}
