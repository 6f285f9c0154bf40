package io.ignis.scrape.textparse;

/**
 * How {@link Parsers} builds a parser, from the scrape config.
 *
 * @param fallbackMediaType media type to parse with when the Content-Type is missing, unparsable or unknown
 *     ({@code fallback_scrape_protocol}, e.g. {@code text/plain}); empty for none, and then such a response
 *     fails the scrape
 * @param ignoreNativeHistograms read protobuf histograms as classic ones only (native histograms not scraped)
 * @param alwaysScrapeClassicHistograms also return the classic series of a protobuf histogram that has a
 *     native part ({@code always_scrape_classic_histograms})
 * @param skipOpenMetricsCreatedSeries do not return OpenMetrics {@code _created} series as samples (they still
 *     give {@link Parser#createdTimestamp()})
 * @param convertClassicHistogramsToNhcb return classic histograms as native histograms with custom buckets
 *     ({@code convert_classic_histograms_to_nhcb}); their classic series too with
 *     {@code alwaysScrapeClassicHistograms}
 */
public record ParserOptions(
        String fallbackMediaType,
        boolean ignoreNativeHistograms,
        boolean alwaysScrapeClassicHistograms,
        boolean skipOpenMetricsCreatedSeries,
        boolean convertClassicHistogramsToNhcb) {

    public static final ParserOptions DEFAULT = new ParserOptions("", false, false, false, false);

    public ParserOptions {
        fallbackMediaType = fallbackMediaType == null ? "" : fallbackMediaType;
    }
}
