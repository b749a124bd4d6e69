package com.certtrack.ca.issuance;

import com.certtrack.ca.CaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * RSA keys known to be weak, as the Debian OpenSSL flaw (CVE-2008-0166) produced them, in openssl-vulnkey's format:
 * one line per key, the last 20 hex digits of SHA-1 over {@code "Modulus=" + HEX(n) + "\n"} ({@code openssl rsa
 * -modulus} output), {@code #} comments. Read at start-up from the bundled list and every configured file; a
 * configured file that cannot be read stops the CA rather than let it issue unchecked.
 */
@ApplicationScoped
public class WeakKeyBlocklist {

    static final String BUNDLED = "weak-keys/debian-openssl.blocklist";
    private static final Logger LOG = Logger.getLogger(WeakKeyBlocklist.class);
    private static final Pattern ENTRY = Pattern.compile("[0-9a-f]{20}");

    private final Set<String> fingerprints = new HashSet<>();

    public WeakKeyBlocklist(CaConfig config) {
        try (InputStream bundled = WeakKeyBlocklist.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (bundled != null) {
                read(new InputStreamReader(bundled, StandardCharsets.US_ASCII), BUNDLED);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled weak-key blocklist", e);
        }
        for (String file : config.policy().weakKeyBlocklists().orElse(List.of())) {
            try (Reader reader = Files.newBufferedReader(Path.of(file.trim()), StandardCharsets.US_ASCII)) {
                read(reader, file);
            } catch (IOException e) {
                throw new IllegalStateException(
                        "certtrack.ca.policy.weak-key-blocklists: cannot read " + file + " (" + e + ")");
            }
        }
        LOG.infof("weak-key blocklist: %d keys", fingerprints.size());
    }

    public boolean isBlocked(BigInteger modulus) {
        return fingerprints.contains(fingerprint(modulus));
    }

    /** The entry openssl-vulnkey would look up for this modulus. */
    public static String fingerprint(BigInteger modulus) {
        String line = "Modulus=" + modulus.toString(16).toUpperCase(Locale.ROOT) + "\n";
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(line.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1).substring(20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void read(Reader source, String name) throws IOException {
        BufferedReader reader = new BufferedReader(source);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String entry = line.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            if (!ENTRY.matcher(entry).matches()) {
                throw new IllegalStateException(name + " line " + number + ": expected 20 hex digits (openssl-vulnkey "
                        + "format), not '" + line + "'");
            }
            fingerprints.add(entry);
        }
    }
}
