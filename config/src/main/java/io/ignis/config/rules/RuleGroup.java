package io.ignis.config.rules;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule group. A zero {@code interval} means "use the global evaluation interval"; a null {@code queryOffset}
 * means "use the global rule query offset"; a zero {@code limit} means no limit.
 */
public record RuleGroup(String name, Duration interval, Duration queryOffset, long limit, Map<String, String> labels,
        List<Rule> rules) {
    public RuleGroup {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        rules = List.copyOf(rules);
    }
}
