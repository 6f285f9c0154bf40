package io.ignis.config;

import java.util.List;

/** The {@code otlp} block for the OTLP receiver. */
public record OtlpConfig(boolean promoteAllResourceAttributes, List<String> promoteResourceAttributes,
        List<String> ignoreResourceAttributes, String translationStrategy,
        boolean keepIdentifyingResourceAttributes, boolean convertHistogramsToNhcb, boolean promoteScopeMetadata,
        boolean labelNameUnderscoreSanitization, boolean labelNamePreserveMultipleUnderscores) {
    public static final String UNDERSCORE_ESCAPING_WITH_SUFFIXES = "UnderscoreEscapingWithSuffixes";
    public static final OtlpConfig DEFAULT = new OtlpConfig(false, List.of(), List.of(),
            UNDERSCORE_ESCAPING_WITH_SUFFIXES, false, false, false, true, true);

    public OtlpConfig {
        promoteResourceAttributes = List.copyOf(promoteResourceAttributes);
        ignoreResourceAttributes = List.copyOf(ignoreResourceAttributes);
    }
}
