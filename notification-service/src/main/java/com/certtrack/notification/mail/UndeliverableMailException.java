package com.certtrack.notification.mail;

/** A job that no retry can deliver; its message is safe to store and publish (it never contains a secret). */
public class UndeliverableMailException extends RuntimeException {

    public UndeliverableMailException(String message) {
        super(message, null, false, false);
    }
}
