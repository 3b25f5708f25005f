package org.xrr.interposer.replay;

import java.util.List;

/** Files the recording mapped that differ now, so that replay would not run the same code. */
public final class FilesChangedException extends RuntimeException {
    private final List<String> changed;

    FilesChangedException(List<String> changed) {
        super("cannot replay: " + changed.size() + " file(s) the recording mapped changed since: " + String.join("; ", changed)
               );
        this.changed = List.copyOf(changed);
    }

    public List<String> changed() {
        return changed;
    }
}
