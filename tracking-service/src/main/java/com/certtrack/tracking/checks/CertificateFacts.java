package com.certtrack.tracking.checks;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;

/** URLs and relations read from certificates. */
public final class CertificateFacts {

    private CertificateFacts() {}

    public static List<String> ocspUrls(X509Certificate certificate) {
        return accessUrls(certificate, X509ObjectIdentifiers.id_ad_ocsp.getId());
    }

    public static List<String> caIssuersUrls(X509Certificate certificate) {
        return accessUrls(certificate, X509ObjectIdentifiers.id_ad_caIssuers.getId());
    }

    public static List<String> crlUrls(X509Certificate certificate) {
        List<String> urls = new ArrayList<>();
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (value == null) {
            return urls;
        }
        CRLDistPoint points =
                CRLDistPoint.getInstance(ASN1OctetString.getInstance(value).getOctets());
        for (DistributionPoint point : points.getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                for (GeneralName general :
                        GeneralNames.getInstance(name.getName()).getNames()) {
                    if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        urls.add(general.getName().toString());
                    }
                }
            }
        }
        return urls;
    }

    private static List<String> accessUrls(X509Certificate certificate, String method) {
        List<String> urls = new ArrayList<>();
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (value == null) {
            return urls;
        }
        AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(
                ASN1OctetString.getInstance(value).getOctets());
        for (AccessDescription description : access.getAccessDescriptions()) {
            GeneralName location = description.getAccessLocation();
            if (description.getAccessMethod().getId().equals(method)
                    && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                urls.add(location.getName().toString());
            }
        }
        return urls;
    }

    /** {@code issuer} signed {@code certificate}. */
    public static boolean issued(X509Certificate issuer, X509Certificate certificate) {
        if (!issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public static boolean selfSigned(X509Certificate certificate) {
        return issued(certificate, certificate);
    }

    public static String serialHex(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }
}
