package org.xrr.interposer.pack;

/** A trace that cannot be packed: a file it used is gone or has changed since the recording. The message says which. */
public final class PackException extends RuntimeException {
    PackException(String message) {
        super(message);
    }
}
