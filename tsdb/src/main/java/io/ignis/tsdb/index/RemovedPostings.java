package io.ignis.tsdb.index;

/** The references of one postings list that are not in another. */
final class RemovedPostings implements Postings {
    private final Postings full;
    private final Postings drop;
    private boolean dropValid = true;
    private boolean dropStarted;
    private long cur = -1;
    private boolean started;
    private boolean done;

    RemovedPostings(Postings full, Postings drop) {
        this.full = full;
        this.drop = drop;
    }

    @Override
    public boolean next() {
        if (done || !full.next()) {
            done = true;
            return false;
        }
        started = true;
        return skipDropped();
    }

    @Override
    public boolean seek(long v) {
        if (done) {
            return false;
        }
        if (started && cur >= v) {
            return true;
        }
        if (!full.seek(v)) {
            done = true;
            return false;
        }
        started = true;
        return skipDropped();
    }

    // full is positioned; move it past references that drop contains.
    private boolean skipDropped() {
        while (true) {
            long f = full.at();
            if (dropValid && (!dropStarted || drop.at() < f)) {
                dropValid = drop.seek(f);
                dropStarted = true;
            }
            if (!dropValid || drop.at() != f) {
                cur = f;
                return true;
            }
            if (!full.next()) {
                done = true;
                return false;
            }
        }
    }

    @Override
    public long at() {
        return cur;
    }
}
