package org.xrr.interposer.policy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** What a policy prints, kept up to a limit so that printing cannot be used to exhaust memory. */
final class BoundedOutput extends OutputStream {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int limit;
    private boolean truncated;

    BoundedOutput(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void write(int b) {
        if (kept.size() < limit) {
            kept.write(b);
        } else {
            truncated = true;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.min(len, limit - kept.size());
        kept.write(b, off, room);
        truncated |= room < len;
    }

    synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        return truncated ? s + "[output cut at " + limit + " bytes]\n" : s;
    }
}
