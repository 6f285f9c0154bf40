package io.ignis.server.notifier;

import io.ignis.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An Alertmanager's URL from its labels, as Prometheus's {@code alertmanagerLabels.url()}: {@code __scheme__},
 * {@code __address__} and {@code __alerts_path__} put together and printed the way Go's {@code url.URL.String}
 * prints them, so {@code /api/v1/alertmanagers} and the {@code alertmanager} metric label read as Prometheus's.
 */
final class AlertmanagerUrl {
    static final String SCHEME_LABEL = "__scheme__";
    static final String ADDRESS_LABEL = "__address__";
    static final String PATH_LABEL = "__alerts_path__";

    private AlertmanagerUrl() {
    }

    static String of(Labels l) {
        return format(l.get(SCHEME_LABEL), l.get(ADDRESS_LABEL), l.get(PATH_LABEL));
    }

    /** Go's {@code url.URL{Scheme, Host, Path}.String()}. */
    static String format(String scheme, String host, String path) {
        StringBuilder b = new StringBuilder();
        if (!scheme.isEmpty()) {
            b.append(scheme).append(':');
        }
        if ((!scheme.isEmpty() || !host.isEmpty()) && (!host.isEmpty() || !path.isEmpty())) {
            b.append("//");
        }
        b.append(escape(host, true));
        String p = escape(path, false);
        if (!p.isEmpty() && p.charAt(0) != '/' && !host.isEmpty()) {
            b.append('/');
        }
        if (b.length() == 0) {
            int slash = p.indexOf('/');
            if ((slash < 0 ? p : p.substring(0, slash)).contains(":")) {
                // A first segment with a colon would read as a scheme.
                b.append("./");
            }
        }
        return b.append(p).toString();
    }

    /** Prometheus's {@code postPath}: {@code path.Join("/", prefix, "/api/<version>/alerts")}. */
    static String postPath(String prefix, String apiVersion) {
        return clean("/" + (prefix == null ? "" : prefix) + "/api/" + apiVersion + "/alerts");
    }

    /** Go's {@code path.Clean} for a rooted path: no empty or {@code .} segments, {@code ..} resolved. */
    static String clean(String rooted) {
        Deque<String> out = new ArrayDeque<>();
        for (String seg : rooted.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(seg);
            }
        }
        return "/" + String.join("/", out);
    }

    // Go's shouldEscape for encodeHost and encodePath: unreserved characters stay, and each mode keeps its own
    // sub-delimiters; everything else is percent-encoded byte by byte.
    private static String escape(String s, boolean host) {
        StringBuilder b = null;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (keep(c, host)) {
                if (b != null) {
                    b.append((char) c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length() + 8);
                for (int j = 0; j < i; j++) {
                    b.append((char) (bytes[j] & 0xff));
                }
            }
            b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
        }
        return b == null ? s : b.toString();
    }

    private static boolean keep(int c, boolean host) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0) {
            return true;
        }
        return host ? "!$&'()*+,;=:[]<>\"".indexOf(c) >= 0 : "$&+,/:;=@".indexOf(c) >= 0;
    }
}
