package io.ignis.server.federate;

import io.ignis.labels.Labels;
import io.ignis.model.FloatHistogram;
import java.io.IOException;
import java.io.OutputStream;

/** One exposition format {@code /federate} can answer in; chosen per request from the Accept header. */
sealed interface Exposition permits TextExposition, ProtobufExposition {
    /** One series' latest sample; {@code histogram} non-null for a histogram sample. */
    record Sample(Labels labels, long t, double v, FloatHistogram histogram) {
    }

    /** The Content-Type of the answer. */
    String contentType();

    /** Writes the samples, already sorted by metric name, to {@code out}. */
    void write(Iterable<Sample> samples, OutputStream out) throws IOException;
}
