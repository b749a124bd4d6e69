package com.certtrack.notification.keys;

import com.certtrack.support.links.LinkToken;
import com.certtrack.support.sealing.Pem;
import com.certtrack.support.sealing.Unsealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The deployment keys this service holds: its sealing key pair (to open CA References) and the link-signing key. */
@ApplicationScoped
public class KeyProducers {

    @Produces
    @Singleton
    Unsealer unsealer(
            @ConfigProperty(name = "certtrack.keys.notification-private-key") String privateKey,
            @ConfigProperty(name = "certtrack.keys.notification-public-key") String publicKey) {
        return new Unsealer(Pem.privateKey(privateKey), Pem.publicKey(publicKey));
    }

    @Produces
    @Singleton
    LinkToken linkToken(@ConfigProperty(name = "certtrack.keys.link-signing") String key) {
        return LinkToken.fromBase64Key(key);
    }
}
