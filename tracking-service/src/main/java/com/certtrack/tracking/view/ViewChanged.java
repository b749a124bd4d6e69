package com.certtrack.tracking.view;

/** Fired inside the projection's transaction; observers after commit see the new state of the line. */
public record ViewChanged(String lineId) {}
