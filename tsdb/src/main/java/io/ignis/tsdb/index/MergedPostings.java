package io.ignis.tsdb.index;

/** The union of its inputs, each reference once: a binary min-heap keyed by each input's current value. */
final class MergedPostings implements Postings {
    private final Postings[] heap;
    private int size;
    private boolean initialized;
    private boolean done;
    private long cur = -1;

    MergedPostings(Postings[] its) {
        this.heap = its;
    }

    private void init(long seekTo, boolean useSeek) {
        int n = 0;
        for (Postings p : heap) {
            if (useSeek ? p.seek(seekTo) : p.next()) {
                heap[n++] = p;
            }
        }
        size = n;
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
        initialized = true;
    }

    @Override
    public boolean next() {
        if (done) {
            return false;
        }
        if (!initialized) {
            init(0, false);
        } else {
            // Advance every input sitting on the current reference.
            while (size > 0 && heap[0].at() == cur) {
                advanceTop(false, 0);
            }
        }
        return settle();
    }

    @Override
    public boolean seek(long v) {
        if (done) {
            return false;
        }
        if (!initialized) {
            init(v, true);
            return settle();
        }
        if (cur >= v) {
            return true;
        }
        while (size > 0 && heap[0].at() < v) {
            advanceTop(true, v);
        }
        return settle();
    }

    private boolean settle() {
        if (size == 0) {
            done = true;
            return false;
        }
        cur = heap[0].at();
        return true;
    }

    private void advanceTop(boolean useSeek, long v) {
        Postings top = heap[0];
        if (useSeek ? top.seek(v) : top.next()) {
            siftDown(0);
        } else {
            heap[0] = heap[--size];
            heap[size] = top;
            siftDown(0);
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int m = l;
            int r = l + 1;
            if (r < size && heap[r].at() < heap[l].at()) {
                m = r;
            }
            if (heap[m].at() >= heap[i].at()) {
                return;
            }
            Postings tmp = heap[i];
            heap[i] = heap[m];
            heap[m] = tmp;
            i = m;
        }
    }

    @Override
    public long at() {
        return cur;
    }
}
