package com.certtrack.ca.acme;

/** What a service answers a resource: the body, the HTTP status and, for created resources, their Location. */
public record AcmeAnswer(int status, Object body, String location) {

    public static AcmeAnswer ok(Object body) {
        return new AcmeAnswer(200, body, null);
    }

    public static AcmeAnswer ok(Object body, String location) {
        return new AcmeAnswer(200, body, location);
    }

    public static AcmeAnswer created(Object body, String location) {
        return new AcmeAnswer(201, body, location);
    }
}
