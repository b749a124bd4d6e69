package com.certtrack.ca.issuance;

import com.certtrack.ca.hierarchy.CaUrls;
import com.certtrack.ca.hierarchy.HierarchyBuilder;
import com.certtrack.ca.hierarchy.IssuingCa;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.X500NameStyle;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Signs TLS server leaves with the issuing intermediate: SAN, serverAuth EKU, KeyUsage by key type, AKI/SKI,
 * AIA (OCSP, caIssuers), CRL distribution point, CA/B Forum policy, basicConstraints CA:FALSE.
 */
public final class LeafCertificateBuilder {

    /** What goes into one leaf. Names are DNS names; the first of at most 64 characters is the subject CN. */
    public record LeafSpec(
            SubjectPublicKeyInfo publicKey,
            List<String> dnsNames,
            ValidationLevel level,
            String organisationName,
            String organisationCountry,
            int validityDays) {}

    private static final Duration BACKDATE = Duration.ofMinutes(1);
    private static final int MAX_COMMON_NAME = 64;

    private final IssuingCa ca;
    private final X500Name issuer;
    private final AuthorityKeyIdentifier authorityKeyIdentifier;
    private final AuthorityInformationAccess authorityInformationAccess;
    private final CRLDistPoint crlDistributionPoint;
    private final BcX509ExtensionUtils extensionUtils = new BcX509ExtensionUtils();

    public LeafCertificateBuilder(IssuingCa ca, CaUrls urls) {
        this.ca = ca;
        this.issuer =
                X500Name.getInstance(ca.intermediate().getSubjectX500Principal().getEncoded());
        try {
            this.authorityKeyIdentifier = new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.intermediate());
        } catch (Exception e) {
            throw new IllegalStateException("the intermediate certificate does not encode", e);
        }
        this.authorityInformationAccess = new AuthorityInformationAccess(new AccessDescription[] {
            new AccessDescription(AccessDescription.id_ad_ocsp, HierarchyBuilder.uri(urls.ocsp())),
            new AccessDescription(
                    AccessDescription.id_ad_caIssuers, HierarchyBuilder.uri(urls.intermediateCertificate()))
        });
        this.crlDistributionPoint = HierarchyBuilder.crlDistributionPoint(urls.intermediateCrl());
    }

    public X509Certificate issue(LeafSpec spec) {
        Instant notBefore = Instant.now().minus(BACKDATE);
        // Validity counts both ends inclusively (BR 1.6.1): N days end one second before notBefore + N days.
        Instant notAfter = notBefore.plus(Duration.ofDays(spec.validityDays())).minusSeconds(1);
        GeneralName[] names = spec.dnsNames().stream()
                .map(name -> new GeneralName(GeneralName.dNSName, name))
                .toArray(GeneralName[]::new);
        boolean rsa = PKCSObjectIdentifiers.rsaEncryption.equals(
                spec.publicKey().getAlgorithm().getAlgorithm());
        X500Name subject = subject(spec);
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                            issuer,
                            HierarchyBuilder.serial(),
                            Date.from(notBefore),
                            Date.from(notAfter),
                            subject,
                            spec.publicKey())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(
                                    rsa
                                            ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                                            : KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    // RFC 5280 §4.2.1.6: with an empty subject the SAN extension is critical.
                    .addExtension(
                            Extension.subjectAlternativeName, subject.getRDNs().length == 0, new GeneralNames(names))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensionUtils.createSubjectKeyIdentifier(spec.publicKey()))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier)
                    .addExtension(Extension.authorityInfoAccess, false, authorityInformationAccess)
                    .addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoint)
                    .addExtension(
                            Extension.certificatePolicies,
                            false,
                            new CertificatePolicies(
                                    new PolicyInformation(new ASN1ObjectIdentifier(spec.level().policyOid))));
            return HierarchyBuilder.sign(builder, ca.intermediateKey());
        } catch (IOException
                | RuntimeException
                | java.security.GeneralSecurityException
                | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("leaf signing failed", e);
        }
    }

    private static X500Name subject(LeafSpec spec) {
        X500NameStyle style = BCStyle.INSTANCE;
        X500NameBuilder builder = new X500NameBuilder(style);
        if (spec.level().requiresOrganisation()) {
            builder.addRDN(BCStyle.C, spec.organisationCountry()).addRDN(BCStyle.O, spec.organisationName());
        }
        // The CN is the first name that fits its 64-character bound (RFC 5280); without one the SANs carry them all.
        spec.dnsNames().stream()
                .filter(name -> name.length() <= MAX_COMMON_NAME)
                .findFirst()
                .ifPresent(name -> builder.addRDN(BCStyle.CN, name));
        return builder.build();
    }
}
