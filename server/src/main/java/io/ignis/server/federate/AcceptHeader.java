package io.ignis.server.federate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The part of content negotiation {@code /federate} needs, as Prometheus's exposition-format negotiation decides:
 * media ranges tried by falling quality, the first delimited {@code MetricFamily} protobuf or plain text 0.0.4
 * wins, anything else (OpenMetrics included) is passed over, and text is the default.
 */
final class AcceptHeader {
    private static final String PROTOBUF = "application/vnd.google.protobuf";
    private static final String MESSAGE = "io.prometheus.client.MetricFamily";

    private AcceptHeader() {
    }

    private record Range(String type, String proto, String encoding, String version, double q) {
    }

    static boolean wantsProtobuf(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : accept.split(",")) {
            ranges.add(parse(part));
        }
        // Stable: ranges of equal quality keep the client's order.
        ranges.sort((a, b) -> Double.compare(b.q, a.q));
        for (Range r : ranges) {
            if (r.q <= 0) {
                continue;
            }
            if (r.type.equals(PROTOBUF) && MESSAGE.equals(r.proto) && "delimited".equals(r.encoding)) {
                return true;
            }
            if (r.type.equals("text/plain") && (r.version == null || r.version.equals("0.0.4"))) {
                return false;
            }
        }
        return false;
    }

    private static Range parse(String part) {
        String[] fields = part.split(";");
        String type = fields[0].trim().toLowerCase(Locale.ROOT);
        String proto = null;
        String encoding = null;
        String version = null;
        double q = 1;
        for (int i = 1; i < fields.length; i++) {
            int eq = fields[i].indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = fields[i].substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = fields[i].substring(eq + 1).trim();
            switch (key) {
                case "proto" -> proto = value;
                case "encoding" -> encoding = value;
                case "version" -> version = value;
                case "q" -> q = quality(value);
                default -> {
                }
            }
        }
        return new Range(type, proto, encoding, version, q);
    }

    private static double quality(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
