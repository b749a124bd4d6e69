package com.certtrack.tracking.reminders;

import com.certtrack.tracking.access.LineAccess;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/tracking/reminders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReminderResource {

    public record Reminders(List<Integer> reminderDays) {}

    private final LineAccess access;
    private final ReminderSettings settings;

    public ReminderResource(LineAccess access, ReminderSettings settings) {
        this.access = access;
        this.settings = settings;
    }

    @GET
    @Operation(summary = "Days before (positive) or after (negative) expiry when reminders are sent")
    public Reminders get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return new Reminders(settings.of(access.fromAuthorization(authorization)));
    }

    @PUT
    @Operation(summary = "Choose the reminder days (-365..365, no repeats); an empty list turns reminders off")
    public Reminders put(Reminders request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        var line = access.fromAuthorization(authorization);
        return new Reminders(settings.change(line, request == null ? null : request.reminderDays()));
    }
}
