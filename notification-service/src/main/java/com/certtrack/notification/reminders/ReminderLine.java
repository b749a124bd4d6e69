package com.certtrack.notification.reminders;

import com.certtrack.contracts.ReminderSettingsChanged;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A certificate line as the reminders see it: its current certificate, the chosen days, and how it ended. */
@Entity
@Table(name = "reminder_line")
public class ReminderLine extends PanacheEntityBase {

    @Id
    @Column(name = "line_id")
    public String lineId;

    @Column(name = "order_number", nullable = false)
    public String orderNumber;

    public String product;

    /** Domain names, comma-separated. */
    public String domains;

    @Column(name = "renewal_of")
    public String renewalOf;

    @Column(name = "renewed_by")
    public String renewedBy;

    /** "90,60,30"; null = {@link ReminderSettingsChanged#DEFAULT_DAYS}; empty = off. */
    @Column(name = "reminder_days")
    public String reminderDays;

    @Column(name = "serial_number")
    public String serialNumber;

    @Column(name = "not_after")
    public Instant notAfter;

    @Column(name = "certificate_arrived_at")
    public Instant certificateArrivedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "ended_because")
    public String endedBecause;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    List<Integer> days() {
        if (reminderDays == null) {
            return ReminderSettingsChanged.DEFAULT_DAYS;
        }
        return reminderDays.isBlank()
                ? List.of()
                : Arrays.stream(reminderDays.split(","))
                        .map(String::trim)
                        .map(Integer::valueOf)
                        .toList();
    }

    public List<String> domainNames() {
        return domains == null || domains.isBlank() ? List.of() : List.of(domains.split(","));
    }
}
