package io.ignis.promql.engine;

/** The query would hold more samples in memory than {@link EngineOptions#maxSamples()} allows. */
public final class TooManySamplesException extends PromqlException {
    public TooManySamplesException(String env) {
        super("query processing would load too many samples into memory in " + env);
    }
}
