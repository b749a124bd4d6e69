package com.certtrack.tracking.download;

import com.certtrack.tracking.pki.CertificateChain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;

/** The bytes of each download format, made from the chain the CA delivered. */
public final class CertificateFiles {

    private CertificateFiles() {}

    public static byte[] render(DownloadFormat format, CertificateChain chain, String baseName) {
        return switch (format) {
            case PEM -> ascii(CertificateChain.pem(chain.leaf()));
            case CHAIN -> ascii(chain.pem());
            case DER -> CertificateChain.der(chain.leaf());
            case P7B -> pkcs7(chain);
            case BUNDLE -> bundle(chain, baseName);
        };
    }

    /** PKCS#7 "certs-only": a CMS SignedData without content or signers, carrying the whole chain (IIS, Java). */
    static byte[] pkcs7(CertificateChain chain) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(chain.certificates()));
            return generator.generate(new CMSAbsentContent()).getEncoded("DER");
        } catch (CMSException | CertificateEncodingException | IOException e) {
            throw new IllegalStateException("cannot write PKCS#7", e);
        }
    }

    /** One zip with the files common servers want, and a README saying which goes where. */
    static byte[] bundle(CertificateChain chain, String baseName) {
        String intermediates = CertificateChain.pem(chain.intermediates());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            add(zip, "README.txt", ascii(readme(baseName)));
            add(zip, "nginx/" + baseName + "-fullchain.pem", ascii(chain.pem()));
            add(zip, "apache/" + baseName + ".crt", ascii(CertificateChain.pem(chain.leaf())));
            add(zip, "apache/" + baseName + "-ca-bundle.crt", ascii(intermediates));
            add(zip, "iis/" + baseName + ".p7b", pkcs7(chain));
            add(zip, "other/" + baseName + ".cer", CertificateChain.der(chain.leaf()));
            add(zip, "other/intermediates.pem", ascii(intermediates));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String readme(String name) {
        return """
                Certificate files for %1$s
                ==========================

                Your private key is not in this bundle: it never left the server where you created the CSR.

                nginx
                  nginx/%1$s-fullchain.pem   certificate followed by the intermediate(s)
                    ssl_certificate     /etc/ssl/%1$s-fullchain.pem;
                    ssl_certificate_key /etc/ssl/private/%1$s.key;

                Apache httpd (2.4.8 and later may also use the nginx full chain as SSLCertificateFile)
                  apache/%1$s.crt            SSLCertificateFile
                  apache/%1$s-ca-bundle.crt  SSLCertificateChainFile (or SSLCACertificateFile on older versions)
                  your key                   SSLCertificateKeyFile

                Microsoft IIS
                  iis/%1$s.p7b               PKCS#7 with the certificate and intermediates. In IIS Manager use
                                             "Complete Certificate Request" on the server that made the CSR, or
                                             import it into the Local Computer "Personal" store with the MMC.

                Other servers and tools
                  other/%1$s.cer             the certificate alone, DER (binary), e.g. for Java keytool
                  other/intermediates.pem    the intermediate certificate(s) alone, PEM

                The intermediates are also published at /api/intermediates.
                """.formatted(name);
    }

    private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
