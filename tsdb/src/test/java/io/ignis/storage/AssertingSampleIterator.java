package io.ignis.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.model.FloatHistogram;
import io.ignis.model.Histogram;

/**
 * Wraps an iterator and fails on protocol breaches on either side: reading before a successful next/seek,
 * any call after NONE, timestamps not increasing after next, seek landing before its target or moving
 * backwards.
 */
public final class AssertingSampleIterator implements SampleIterator {
    private final SampleIterator it;
    private boolean positioned;
    private boolean exhausted;
    private long lastT = Long.MIN_VALUE;

    public AssertingSampleIterator(SampleIterator it) {
        this.it = it;
    }

    @Override
    public SampleType next() {
        assertThat(exhausted).as("next() after NONE").isFalse();
        boolean had = positioned;
        SampleType st = it.next();
        observe(st);
        if (st != SampleType.NONE && had) {
            assertThat(it.atT()).as("next() must move forward").isGreaterThan(lastT);
        }
        remember(st);
        return st;
    }

    @Override
    public SampleType seek(long t) {
        assertThat(exhausted).as("seek() after NONE").isFalse();
        boolean had = positioned;
        long before = lastT;
        SampleType st = it.seek(t);
        observe(st);
        if (st != SampleType.NONE) {
            assertThat(it.atT()).as("seek(%d) landed before its target", t).isGreaterThanOrEqualTo(t);
            if (had) {
                assertThat(it.atT()).as("seek(%d) moved backwards", t).isGreaterThanOrEqualTo(before);
            }
        }
        remember(st);
        return st;
    }

    private void observe(SampleType st) {
        assertThat(st).as("never null").isNotNull();
    }

    private void remember(SampleType st) {
        if (st == SampleType.NONE) {
            exhausted = true;
            positioned = false;
        } else {
            positioned = true;
            lastT = it.atT();
        }
    }

    @Override
    public long atT() {
        assertThat(positioned).as("atT() before a successful next()/seek() or after NONE").isTrue();
        return it.atT();
    }

    @Override
    public double atV() {
        assertThat(positioned).as("atV() before a successful next()/seek() or after NONE").isTrue();
        return it.atV();
    }

    @Override
    public Histogram atHistogram() {
        assertThat(positioned).isTrue();
        return it.atHistogram();
    }

    @Override
    public FloatHistogram atFloatHistogram() {
        assertThat(positioned).isTrue();
        return it.atFloatHistogram();
    }
}
