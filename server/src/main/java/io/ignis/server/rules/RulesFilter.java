package io.ignis.server.rules;

import io.ignis.labels.Labels;
import io.ignis.labels.Matcher;
import io.ignis.promql.parser.PromqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filters of {@code /api/v1/rules}: {@code type} (alert or record), {@code rule_name[]}, {@code rule_group[]},
 * {@code file[]}, {@code match[]} on rule labels, {@code exclude_alerts}. Empty sets filter nothing.
 */
public record RulesFilter(boolean alerts, boolean recording, Set<String> ruleNames, Set<String> groupNames,
        Set<String> files, List<List<Matcher>> matcherSets, boolean excludeAlerts, long groupLimit,
        String groupNextToken) {
    public static final RulesFilter ALL = new RulesFilter(true, true, Set.of(), Set.of(), Set.of(), List.of(), false,
            0, "");

    /**
     * Parses query parameters (each name to its values).
     *
     * @throws IllegalArgumentException with Prometheus's wording, for a {@code bad_data} answer
     */
    public static RulesFilter parse(Map<String, List<String>> params) {
        String type = first(params, "type").toLowerCase();
        if (!type.isEmpty() && !type.equals("alert") && !type.equals("record")) {
            throw new IllegalArgumentException("invalid parameter \"type\": not supported value \"" + type + "\"");
        }
        String exclude = first(params, "exclude_alerts").toLowerCase();
        boolean excludeAlerts = switch (exclude) {
            case "", "0", "f", "false" -> false;
            case "1", "t", "true" -> true;
            default -> throw new IllegalArgumentException("invalid parameter \"exclude_alerts\": error converting "
                    + "exclude_alerts: strconv.ParseBool: parsing \"" + exclude + "\": invalid syntax");
        };
        String limit = first(params, "group_limit");
        String token = first(params, "group_next_token");
        if (!token.isEmpty() && limit.isEmpty()) {
            throw new IllegalArgumentException("invalid parameter \"group_next_token\": group_limit needs to be "
                    + "present in order to paginate over the groups");
        }
        long groupLimit = 0;
        if (!limit.isEmpty()) {
            try {
                groupLimit = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid parameter \"group_limit\": group_limit needs to be a "
                        + "valid number: strconv.ParseInt: parsing \"" + limit + "\": invalid syntax");
            }
            if (groupLimit <= 0) {
                throw new IllegalArgumentException("invalid parameter \"group_limit\": group_limit needs to be "
                        + "greater than 0");
            }
        }
        List<List<Matcher>> sets = new ArrayList<>();
        for (String m : params.getOrDefault("match[]", List.of())) {
            sets.add(PromqlParser.parseMetricSelector(m));
        }
        return new RulesFilter(type.isEmpty() || type.equals("alert"), type.isEmpty() || type.equals("record"),
                Set.copyOf(params.getOrDefault("rule_name[]", List.of())),
                Set.copyOf(params.getOrDefault("rule_group[]", List.of())),
                Set.copyOf(params.getOrDefault("file[]", List.of())), sets, excludeAlerts, groupLimit, token);
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    boolean matches(Rule r) {
        if (r instanceof AlertingRule ? !alerts : !recording) {
            return false;
        }
        if (!ruleNames.isEmpty() && !ruleNames.contains(r.name())) {
            return false;
        }
        if (matcherSets.isEmpty()) {
            return true;
        }
        Labels l = r.labels();
        for (List<Matcher> set : matcherSets) {
            boolean all = true;
            for (Matcher m : set) {
                all &= m.matches(l.get(m.name()));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }
}
