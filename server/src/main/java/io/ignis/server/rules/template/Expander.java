package io.ignis.server.rules.template;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Expands a Prometheus template (alert labels and annotations, console text) with Go's builtins plus
 * Prometheus's functions. Errors read like Prometheus's: {@code error parsing template NAME: …} and
 * {@code error executing template NAME: …}. Thread-safe.
 */
public final class Expander {
    /** Prometheus's alert template preamble: the data's fields as variables. */
    static final String ALERT_PREAMBLE = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
            + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    private final QueryFunc query;
    private final URI externalURL;

    /** {@code query} may be null when no storage is at hand ({@code query} then fails when called). */
    public Expander(QueryFunc query, URI externalURL) {
        this.query = query;
        this.externalURL = Objects.requireNonNull(externalURL, "externalURL");
    }

    /**
     * Expands {@code text} against {@code data} at {@code timestampMs} (the time of {@code now} and of
     * {@code query}).
     *
     * @throws TemplateException when the template does not parse or fails to execute
     */
    public String expand(String name, String text, Object data, long timestampMs) {
        Map<String, Func> funcs = PromFunctions.all(query, timestampMs, externalURL);
        Template t;
        try {
            t = Template.parse(name, text, funcs);
        } catch (TemplateException e) {
            throw new TemplateException("error parsing template " + name + ": " + e.getMessage());
        }
        try {
            return t.execute(data);
        } catch (TemplateException e) {
            throw new TemplateException("error executing template " + name + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new TemplateException("panic expanding template " + name + ": " + e);
        }
    }

    /** Expands an alert label or annotation, with {@code $labels}, {@code $value} and the other variables set. */
    public String expandAlert(String alertName, String text, AlertTemplateData data, long timestampMs) {
        return expand("__alert_" + alertName, ALERT_PREAMBLE + text, data, timestampMs);
    }

    /** Parses an alert template as {@code promtool check rules} does, without executing it. */
    public static void checkAlertTemplate(String alertName, String text) {
        Template.parse("__alert_" + alertName, ALERT_PREAMBLE + text,
                PromFunctions.all(null, 0, URI.create("")));
    }
}
