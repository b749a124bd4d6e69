package com.certtrack.order.placement;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An order as the customer placed it. */
@Entity
@Table(name = "customer_order")
public class CustomerOrder extends PanacheEntityBase {

    public static final String PLACED = "PLACED";

    @Id
    @Column(name = "order_number")
    public String orderNumber;

    @Column(nullable = false)
    public String status;

    @Column(name = "customer_name", nullable = false)
    public String customerName;

    @Column(name = "customer_email", nullable = false)
    public String customerEmail;

    @Column(name = "customer_organisation")
    public String customerOrganisation;

    @Column(name = "placed_event_id", nullable = false, unique = true)
    public UUID placedEventId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL)
    @OrderBy("lineNo")
    public List<OrderLine> lines = new ArrayList<>();
}
