#!/usr/bin/env python3
"""Order-to-e-mail latency against a running stack, standard library only.

Places ORDERS orders (one DV_SINGLE line with a CSR each, one recipient per order) at RATE per second, then reads
every recipient's mailbox over IMAP until the confirmation, the shipment e-mail (with the CA Reference) and the
"issued" e-mail (when one is sent) are there, noting when each was first seen. Prints one JSON object: latency percentiles (ms) and
the CA References of the issued lines (for the lookup benchmark).

usage: order_mail_latency.py ORDER_URL IMAP_HOST IMAP_PORT CSR_DIR ORDERS RATE
CSR_DIR holds <i>.domain and <i>.csr made by run-all.sh with openssl.
"""
import imaplib
import json
import re
import sys
import threading
import time
import urllib.request
import uuid

REFERENCE = re.compile(rb"\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]\b")
DONE = {"order-confirmation", "shipment"}
TEMPLATE = re.compile(rb"X-CertTrack-Template:\s*([a-z-]+)", re.I)


def place(url, email, domain, csr):
    body = json.dumps({"customer": {"name": "Bench", "email": email},
                       "lines": [{"product": "DV_SINGLE", "domains": [domain], "dcvMethod": "DNS_TXT", "csr": csr}]})
    request = urllib.request.Request(url + "/api/orders", data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def mailbox(host, port, address):
    """{template: (body of the first such mail)} of one recipient."""
    found = {}
    imap = imaplib.IMAP4(host, port)
    try:
        imap.login(address, "any")
        imap.select("INBOX", readonly=True)
        _, data = imap.search(None, "ALL")
        for number in data[0].split():
            _, parts = imap.fetch(number, "(RFC822)")
            raw = parts[0][1]
            match = TEMPLATE.search(raw)
            if match:
                found.setdefault(match.group(1).decode(), raw)
    except imaplib.IMAP4.error:
        pass  # no mailbox yet
    finally:
        try:
            imap.logout()
        except Exception:
            pass
    return found


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100.0 * len(ordered) + 0.5)) - 1))]


def main():
    url, host, port, csr_dir, count, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), float(sys.argv[6])
    run = uuid.uuid4().hex[:6]
    placed = {}
    failures = []

    def placer():
        for i in range(count):
            domain = open(f"{csr_dir}/{i}.domain").read().strip()
            csr = open(f"{csr_dir}/{i}.csr").read()
            email = f"bench-{run}-{i}@example.com"
            start = time.time()
            try:
                place(url, email, domain, csr)
                placed[email] = start
            except Exception as e:  # counted, not retried: a benchmark reports what a client saw
                failures.append(str(e))
            time.sleep(max(0.0, 1.0 / rate - (time.time() - start)))

    thread = threading.Thread(target=placer)
    thread.start()
    seen = {}  # email -> {template: seconds after placing}
    references = {}
    deadline = time.time() + 120 + count * 2
    cycles = []
    while time.time() < deadline:
        cycle_start = time.time()
        # "issued" is not sent for a line the CA issues at submission: wait for the two e-mails every order gets.
        pending = [e for e in list(placed) if not DONE <= seen.get(e, {}).keys()]
        for email in pending:
            mails = mailbox(host, port, email)
            now = time.time()
            for template in ("order-confirmation", "shipment", "issued"):
                if template in mails and template not in seen.setdefault(email, {}):
                    seen[email][template] = now - placed[email]
                    if template == "shipment":
                        match = REFERENCE.search(mails[template])
                        if match:
                            references[email] = match.group().decode()
        if pending:
            cycles.append(time.time() - cycle_start)
        if not thread.is_alive() and all(DONE <= seen.get(e, {}).keys() for e in placed):
            break
        time.sleep(0.1)
    thread.join()

    def stats(template):
        values = [s[template] * 1000 for s in seen.values() if template in s]
        return {"count": len(values), "p50": percentile(values, 50), "p99": percentile(values, 99),
                "max": max(values) if values else None}

    print(json.dumps({"orders": count, "placed": len(placed), "failed": len(failures),
                      "confirmation": stats("order-confirmation"), "shipment": stats("shipment"),
                      "issued": stats("issued"), "poll_cycle_ms": percentile([c * 1000 for c in cycles], 50),
                      "references": sorted(references.values())}))


if __name__ == "__main__":
    main()
