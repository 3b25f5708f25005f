package org.xrr.interposer.replay;

/**
 * A trace this machine cannot replay as it stands, found before anything runs: files the
 * recording mapped have changed, or its working directory is gone. The message says what.
 */
public final class ReplayRefusedException extends RuntimeException {
    ReplayRefusedException(String message) {
        super(message);
    }
}
