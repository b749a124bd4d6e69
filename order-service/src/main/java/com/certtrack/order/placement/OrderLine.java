package com.certtrack.order.placement;

import com.certtrack.contracts.DcvMethod;
import com.certtrack.contracts.Product;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One product line: a certificate (domains, DCV method, optional CSR) or a CaaS subscription (term). */
@Entity
@Table(name = "order_line")
public class OrderLine extends PanacheEntityBase {

    /** {@code <orderNumber>-<lineNo>}, counted from 1. */
    @Id
    @Column(name = "line_id")
    public String lineId;

    @ManyToOne(optional = false)
    @JoinColumn(name = "order_number")
    public CustomerOrder order;

    @Column(name = "line_no", nullable = false)
    public int lineNo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Product product;

    /** ASCII (punycode) names; empty for CaaS. */
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] domains = new String[0];

    @Enumerated(EnumType.STRING)
    @Column(name = "dcv_method")
    public DcvMethod dcvMethod;

    @Column(name = "csr_pem", columnDefinition = "text")
    public String csrPem;

    @Column(name = "term_months")
    public Integer termMonths;

    /** The line id of the line this one renews, as ordered; null for a first order. */
    @Column(name = "renewal_of")
    public String renewalOf;
}
