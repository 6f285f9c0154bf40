package io.ignis.scrape.textparse;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses the parser for a scrape response from its Content-Type, as Prometheus 3 does: only the media type
 * counts ({@code text/plain}, {@code application/openmetrics-text}, {@code application/vnd.google.protobuf});
 * a missing, unparsable or unknown one fails unless a fallback media type is configured, in which case the
 * parser comes with a warning to log. Error and warning texts are Prometheus's.
 */
public final class Parsers {
    static final String TEXT = "text/plain";
    static final String OPENMETRICS = "application/openmetrics-text";
    static final String PROTOBUF = "application/vnd.google.protobuf";

    private Parsers() {
    }

    /** A parser and, when the fallback had to be used, the warning Prometheus logs; null when none. */
    public record Choice(Parser parser, String warning) {
    }

    /**
     * Returns a parser over {@code b[from, from + length)} for the response's Content-Type header value
     * (null or empty when absent). Throws {@link ExpositionException} when no parser can be chosen.
     */
    public static Choice create(byte[] b, int from, int length, String contentType, ParserOptions options) {
        String fallback = options.fallbackMediaType();
        String mediaType;
        String warning = null;
        if (contentType == null || contentType.isEmpty()) {
            if (fallback.isEmpty()) {
                throw new ExpositionException("non-compliant scrape target sending blank Content-Type and no "
                        + "fallback_scrape_protocol specified for target");
            }
            mediaType = fallback;
            warning = "non-compliant scrape target sending blank Content-Type, using fallback_scrape_protocol "
                    + GoText.quote(fallback);
        } else {
            String parseError = null;
            String parsed = null;
            try {
                parsed = parseMediaType(contentType);
            } catch (IllegalArgumentException e) {
                parseError = e.getMessage();
            }
            if (parseError != null) {
                if (fallback.isEmpty()) {
                    throw new ExpositionException("cannot parse Content-Type " + GoText.quote(contentType)
                            + " and no fallback_scrape_protocol for target\n" + parseError);
                }
                mediaType = fallback;
                warning = "could not parse received Content-Type " + GoText.quote(contentType)
                        + ", using fallback_scrape_protocol " + GoText.quote(fallback) + "\n" + parseError;
            } else if (parsed.equals(TEXT) || parsed.equals(OPENMETRICS) || parsed.equals(PROTOBUF)) {
                mediaType = parsed;
            } else {
                if (fallback.isEmpty()) {
                    throw new ExpositionException("received unsupported Content-Type " + GoText.quote(contentType)
                            + " and no fallback_scrape_protocol specified for target");
                }
                mediaType = fallback;
                warning = "received unsupported Content-Type " + GoText.quote(contentType)
                        + ", using fallback_scrape_protocol " + GoText.quote(fallback);
            }
        }
        Parser p = switch (mediaType) {
            case TEXT -> new PromParser(b, from, length);
            case OPENMETRICS -> new OpenMetricsParser(b, from, length, options.skipOpenMetricsCreatedSeries());
            case PROTOBUF -> new ProtobufParser(b, from, length, options.ignoreNativeHistograms(),
                    options.alwaysScrapeClassicHistograms());
            default -> null;
        };
        if (p == null) {
            // As Prometheus: an unusable fallback fails the scrape with the message about the fallback.
            throw new ExpositionException(warning);
        }
        if (options.convertClassicHistogramsToNhcb()) {
            // Prometheus converts inside its protobuf parser, gauge histograms included; this wrapper does the same
            // for protobuf and converts only families typed histogram in the text formats.
            p = new NhcbParser(p, options.alwaysScrapeClassicHistograms(), options.skipOpenMetricsCreatedSeries());
        }
        return new Choice(p, warning);
    }

    /**
     * The lowercase media type of a Content-Type value, validated as Go's mime.ParseMediaType; throws
     * IllegalArgumentException with Go's message when it does not parse.
     */
    static String parseMediaType(String v) {
        int semi = v.indexOf(';');
        String type = (semi < 0 ? v : v.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        checkMediaType(type);
        Set<String> seen = new HashSet<>();
        String rest = semi < 0 ? "" : v.substring(semi);
        while (!rest.isEmpty()) {
            rest = rest.substring(1).stripLeading(); // past ';'
            if (rest.isEmpty()) {
                break; // a trailing semicolon is allowed
            }
            int key = tokenEnd(rest, 0);
            if (key == 0 || key >= rest.length() || rest.charAt(key) != '=') {
                throw new IllegalArgumentException("mime: invalid media parameter");
            }
            String name = rest.substring(0, key).toLowerCase(Locale.ROOT);
            int value = valueEnd(rest, key + 1);
            if (value < 0) {
                throw new IllegalArgumentException("mime: invalid media parameter");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("mime: duplicate parameter name");
            }
            rest = rest.substring(value).stripLeading();
            if (!rest.isEmpty() && rest.charAt(0) != ';') {
                throw new IllegalArgumentException("mime: invalid media parameter");
            }
        }
        return type;
    }

    private static void checkMediaType(String s) {
        int t = tokenEnd(s, 0);
        if (t == 0) {
            throw new IllegalArgumentException("mime: no media type");
        }
        if (t == s.length()) {
            return;
        }
        if (s.charAt(t) != '/') {
            throw new IllegalArgumentException("mime: expected slash after first token");
        }
        int sub = tokenEnd(s, t + 1);
        if (sub == t + 1) {
            throw new IllegalArgumentException("mime: expected token after slash");
        }
        if (sub != s.length()) {
            throw new IllegalArgumentException("mime: unexpected content after media subtype");
        }
    }

    /** End of the value (token or quoted string) starting at {@code i}, or -1 if there is none. */
    private static int valueEnd(String s, int i) {
        if (i < s.length() && s.charAt(i) == '"') {
            for (int k = i + 1; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == '\\') {
                    k++;
                } else if (c == '"') {
                    return k + 1;
                }
            }
            return -1;
        }
        int end = tokenEnd(s, i);
        return end == i ? -1 : end;
    }

    private static int tokenEnd(String s, int i) {
        while (i < s.length() && isTokenChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
    }
}
