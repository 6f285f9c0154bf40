package io.ignis.config;

/**
 * Label and metric name rules under Prometheus's two validation schemes: {@code legacy}
 * ({@code [a-zA-Z_][a-zA-Z0-9_]*}) and {@code utf8} (any non-empty valid UTF-8), the 3.x default.
 */
public final class LabelNames {
    public static final String UTF8 = "utf8";
    public static final String LEGACY = "legacy";

    private LabelNames() {
    }

    /** Whether {@code name} is a valid label name under {@code scheme} ({@link #UTF8} or {@link #LEGACY}). */
    public static boolean isValidLabelName(String name, String scheme) {
        if (LEGACY.equals(scheme)) {
            return isLegacyName(name, false);
        }
        return !name.isEmpty() && isValidUtf16(name);
    }

    /** Whether {@code name} is a valid metric name under {@code scheme}; legacy names may contain colons. */
    public static boolean isValidMetricName(String name, String scheme) {
        if (LEGACY.equals(scheme)) {
            return isLegacyName(name, true);
        }
        return !name.isEmpty() && isValidUtf16(name);
    }

    /** Whether a label value is valid: any string that encodes to valid UTF-8. */
    public static boolean isValidLabelValue(String value) {
        return isValidUtf16(value);
    }

    private static boolean isLegacyName(String name, boolean colons) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colons && c == ':')
                    || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A Java string encodes to valid UTF-8 unless it holds an unpaired surrogate. */
    private static boolean isValidUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
