package io.ignis.tsdb.index;

/** The references common to all of its inputs: leapfrog over seeks to the largest current reference. */
final class IntersectPostings implements Postings {
    private final Postings[] its;
    private long cur;
    private boolean started;
    private boolean done;

    IntersectPostings(Postings[] its) {
        this.its = its;
    }

    @Override
    public boolean next() {
        if (done) {
            return false;
        }
        for (Postings p : its) {
            if (!p.next()) {
                done = true;
                return false;
            }
        }
        return align(its[0].at());
    }

    @Override
    public boolean seek(long v) {
        if (done) {
            return false;
        }
        if (started && cur >= v) {
            return true;
        }
        return align(v);
    }

    // Seeks every input to the same reference >= target.
    private boolean align(long target) {
        while (true) {
            boolean same = true;
            for (Postings p : its) {
                if (!p.seek(target)) {
                    done = true;
                    return false;
                }
                long at = p.at();
                if (at > target) {
                    target = at;
                    same = false;
                }
            }
            if (same) {
                cur = target;
                started = true;
                return true;
            }
        }
    }

    @Override
    public long at() {
        return cur;
    }
}
