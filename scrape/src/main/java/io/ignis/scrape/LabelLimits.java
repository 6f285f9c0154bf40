package io.ignis.scrape;

import io.ignis.labels.Labels;

/** Prometheus's {@code verifyLabelLimits}: the error texts of label_limit and the name and value length limits. */
final class LabelLimits {
    private LabelLimits() {
    }

    /** The error that fails the scrape, or null when {@code lset} is within every limit (0 = no limit). */
    static String check(Labels lset, long labelLimit, long nameLengthLimit, long valueLengthLimit) {
        String met = trunc(lset.metricName());
        if (labelLimit > 0 && lset.size() > labelLimit) {
            return "label_limit exceeded (metric: " + met + ", number of labels: " + lset.size() + ", limit: "
                    + labelLimit + ")";
        }
        for (int i = 0; i < lset.size(); i++) {
            String name = lset.name(i);
            int nameLength = ScrapeAppend.utf8Length(name);
            if (nameLengthLimit > 0 && nameLength > nameLengthLimit) {
                return "label_name_length_limit exceeded (metric: " + met + ", label name: " + trunc(name)
                        + ", length: " + nameLength + ", limit: " + nameLengthLimit + ")";
            }
            String value = lset.value(i);
            int valueLength = ScrapeAppend.utf8Length(value);
            if (valueLengthLimit > 0 && valueLength > valueLengthLimit) {
                return "label_value_length_limit exceeded (metric: " + met + ", label name: " + trunc(name)
                        + ", value: \"" + trunc(value) + "\", length: " + valueLength + ", limit: "
                        + valueLengthLimit + ")";
            }
        }
        return null;
    }

    /** Go's {@code %.50s}: at most 50 characters. */
    private static String trunc(String s) {
        return s.codePointCount(0, s.length()) <= 50 ? s : s.substring(0, s.offsetByCodePoints(0, 50));
    }
}
