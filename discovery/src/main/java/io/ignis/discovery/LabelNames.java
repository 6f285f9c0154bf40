package io.ignis.discovery;

/** Label-name helpers shared by the mechanisms. */
public final class LabelNames {
    private LabelNames() {
    }

    /**
     * Prometheus's {@code strutil.SanitizeLabelName}: every character (code point) outside [a-zA-Z0-9_] becomes
     * '_'. A leading digit is kept, since the result is always appended to a prefix.
     */
    public static String sanitize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            sb.append(ok ? (char) c : '_');
            i += Character.charCount(c);
        }
        return sb.toString();
    }
}
