package com.certtrack.tracking.live;

import com.certtrack.tracking.TrackingConfig;
import com.certtrack.tracking.access.LineAccess;
import com.certtrack.tracking.lookup.StatusViews;
import com.certtrack.tracking.lookup.TrackingStatus;
import com.certtrack.tracking.view.TrackedLine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Live updates of the tracked line as Server-Sent Events: a {@code status} event with the full snapshot at once and
 * after every change, comment lines while idle, and the end of the stream when the access token expires (look up
 * again for a new one). The token comes in the Authorization header, or as {@code ?access_token=} because a
 * browser's EventSource cannot set headers; it is short-lived and opens only this line, never the CA Reference.
 */
@Path("/api/tracking/events")
public class LiveResource {

    private final LineAccess access;
    private final LiveUpdates updates;
    private final StatusViews views;
    private final TrackingConfig config;

    public LiveResource(LineAccess access, LiveUpdates updates, StatusViews views, TrackingConfig config) {
        this.access = access;
        this.updates = updates;
        this.views = views;
        this.config = config;
    }

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events with the line's status snapshot on every change")
    public Multi<OutboundSseEvent> events(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("access_token") String queryToken,
            @Context Sse sse) {
        var claims = access.viewing(authorization, queryToken);
        String lineId = access.line(claims).lineId;
        Multi<OutboundSseEvent> snapshots = Multi.createBy()
                .merging()
                .streams(Multi.createFrom().item("now"), updates.of(lineId))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(trigger -> snapshot(lineId))
                .map(status -> sse.newEventBuilder()
                        .name("status")
                        .id(Long.toString(System.nanoTime()))
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(TrackingStatus.class, status)
                        .build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom()
                .ticks()
                .every(config.liveKeepAlive())
                .onOverflow()
                .drop()
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        Duration untilExpiry = Duration.between(Instant.now(), claims.expiresAt());
        return Multi.createBy().merging().streams(snapshots, keepAlive).select().first(untilExpiry);
    }

    private TrackingStatus snapshot(String lineId) {
        return QuarkusTransaction.requiringNew().call(() -> views.of(TrackedLine.findById(lineId)));
    }
}
