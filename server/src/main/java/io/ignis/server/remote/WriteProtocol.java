package io.ignis.server.remote;

/**
 * The two remote-write wire versions: content type, the version header a sender sets, and the protobuf message
 * name used in {@code protobuf_message} and in the {@code proto=} content-type parameter.
 */
public enum WriteProtocol {
    /** {@code prometheus.WriteRequest}, Prometheus remote write 1.0. */
    V1("prometheus.WriteRequest", "0.1.0"),
    /** {@code io.prometheus.write.v2.Request}, remote write 2.0 with a symbol table. */
    V2("io.prometheus.write.v2.Request", "2.0.0");

    public static final String VERSION_HEADER = "X-Prometheus-Remote-Write-Version";
    public static final String SAMPLES_WRITTEN_HEADER = "X-Prometheus-Remote-Write-Samples-Written";
    public static final String HISTOGRAMS_WRITTEN_HEADER = "X-Prometheus-Remote-Write-Histograms-Written";
    public static final String EXEMPLARS_WRITTEN_HEADER = "X-Prometheus-Remote-Write-Exemplars-Written";

    private final String message;
    private final String version;

    WriteProtocol(String message, String version) {
        this.message = message;
        this.version = version;
    }

    public String message() {
        return message;
    }

    /** The value of {@link #VERSION_HEADER} a sender of this version sets. */
    public String version() {
        return version;
    }

    /** The request content type; v1 keeps the bare form that 1.0 receivers such as Prometheus 2.x expect. */
    public String contentType() {
        return this == V1 ? "application/x-protobuf" : "application/x-protobuf;proto=" + message;
    }

    /** The version named by a {@code protobuf_message} config value. */
    public static WriteProtocol ofMessage(String message) {
        for (WriteProtocol p : values()) {
            if (p.message.equals(message)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown remote write protobuf message " + message);
    }
}
