package com.certtrack.cagateway.ca;

import com.certtrack.cagateway.GatewayConfig;
import com.certtrack.cagateway.ca.standin.StandInCaAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Chooses the CA adapter by configuration; another CA is another adapter and another case here. */
@ApplicationScoped
public class CaAdapters {

    @Produces
    @ApplicationScoped
    CaAdapter adapter(GatewayConfig config, StandInCaAdapter standIn) {
        return switch (config.adapter()) {
            case "stand-in" -> standIn;
            default ->
                throw new IllegalStateException(
                        "certtrack.ca-gateway.adapter=" + config.adapter() + " is unknown; known: stand-in");
        };
    }
}
