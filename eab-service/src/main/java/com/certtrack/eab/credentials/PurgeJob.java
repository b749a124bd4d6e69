package com.certtrack.eab.credentials;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/** Once the seven-day window has closed, the HMAC key is erased: it can never be shown or regenerated again. */
@ApplicationScoped
public class PurgeJob {

    private static final Logger LOG = Logger.getLogger(PurgeJob.class);

    private final EntityManager em;

    public PurgeJob(EntityManager em) {
        this.em = em;
    }

    @Scheduled(every = "${certtrack.eab.purge-every:1m}", delayed = "5s")
    @Transactional
    public void purgeExpired() {
        int purged = em.createNativeQuery("UPDATE eab_credential SET hmac_key_ciphertext = NULL, purged_at = now() "
                        + "WHERE purged_at IS NULL AND revealable_until < now()")
                .executeUpdate();
        if (purged > 0) {
            LOG.infof("purged %d EAB HMAC key(s) whose reveal window closed", purged);
        }
    }
}
