package com.certtrack.support.events;

/** A record that can never be processed: it goes to the topic's dead-letter twin and the consumer moves on. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message, null, false, false);
    }
}
