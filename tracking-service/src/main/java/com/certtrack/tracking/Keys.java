package com.certtrack.tracking;

import com.certtrack.support.links.LinkToken;
import com.certtrack.support.reference.ReferenceHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The deployment keys this service uses, from configuration; a missing key stops the start with its name. */
@ApplicationScoped
public class Keys {

    @Produces
    @Singleton
    ReferenceHasher referenceHasher(@ConfigProperty(name = "certtrack.keys.reference-hash") String key) {
        return new ReferenceHasher(Base64.getDecoder().decode(key.trim()));
    }

    @Produces
    @Singleton
    LinkToken linkToken(@ConfigProperty(name = "certtrack.keys.link-signing") String key) {
        return LinkToken.fromBase64Key(key);
    }
}
