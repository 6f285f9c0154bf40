package io.ignis.server.remote;

/** A point in the WAL: a segment number and a byte offset in it, ordered by segment then offset. */
record WalPosition(int segment, long offset) implements Comparable<WalPosition> {
    static final WalPosition START = new WalPosition(0, 0);

    @Override
    public int compareTo(WalPosition o) {
        return segment != o.segment ? Integer.compare(segment, o.segment) : Long.compare(offset, o.offset);
    }
}
