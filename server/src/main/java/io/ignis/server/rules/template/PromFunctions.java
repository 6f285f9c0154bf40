package io.ignis.server.rules.template;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.ignis.config.Durations;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Prometheus's template functions ({@code template/template.go}), bound to a query function, time and URL. */
final class PromFunctions {
    private PromFunctions() {
    }

    static Map<String, Func> all(QueryFunc query, long timestampMs, URI externalURL) {
        Map<String, Func> m = new HashMap<>();
        m.put("query", Func.of(1, a -> query(query, Builtins.string(a.get(0)), timestampMs)));
        m.put("first", Func.of(1, a -> {
            List<?> v = queryResult(a.get(0));
            if (v.isEmpty()) {
                throw new FuncException("first() called on vector with no elements");
            }
            return v.get(0);
        }));
        m.put("label", Func.of(2, a -> {
            String l = Builtins.string(a.get(0));
            String v = sample(a.get(1)).labels().get(l);
            return v == null ? "" : v;
        }));
        m.put("value", Func.of(1, a -> sample(a.get(0)).value()));
        m.put("strvalue", Func.of(1, a -> {
            String v = sample(a.get(0)).labels().get("__value__");
            return v == null ? "" : v;
        }));
        m.put("args", Func.variadic(0, a -> {
            Map<String, Object> out = new HashMap<>();
            for (int i = 0; i < a.size(); i++) {
                out.put("arg" + i, a.get(i));
            }
            return out;
        }));
        m.put("reReplaceAll", Func.of(3, a -> RegexReplace.replaceAll(compile(Builtins.string(a.get(0))),
                Builtins.string(a.get(2)), Builtins.string(a.get(1)))));
        m.put("safeHtml", Func.of(1, a -> Builtins.string(a.get(0))));
        m.put("match", Func.of(2, a -> compile(Builtins.string(a.get(0))).matcher(Builtins.string(a.get(1))).find()));
        m.put("title", Func.of(1, a -> title(Builtins.string(a.get(0)))));
        m.put("toUpper", Func.of(1, a -> Builtins.string(a.get(0)).toUpperCase()));
        m.put("toLower", Func.of(1, a -> Builtins.string(a.get(0)).toLowerCase()));
        m.put("graphLink", Func.of(1, a -> link(Builtins.string(a.get(0)), 0)));
        m.put("tableLink", Func.of(1, a -> link(Builtins.string(a.get(0)), 1)));
        m.put("sortByLabel", Func.of(2, a -> sortByLabel(Builtins.string(a.get(0)), queryResult(a.get(1)))));
        m.put("stripPort", Func.of(1, a -> HostPort.stripPort(Builtins.string(a.get(0)))));
        m.put("stripDomain", Func.of(1, a -> HostPort.stripDomain(Builtins.string(a.get(0)))));
        m.put("humanize", Func.of(1, a -> Humanize.humanize(a.get(0))));
        m.put("humanize1024", Func.of(1, a -> Humanize.humanize1024(a.get(0))));
        m.put("humanizeDuration", Func.of(1, a -> Humanize.duration(a.get(0))));
        m.put("humanizePercentage", Func.of(1, a -> Humanize.percentage(a.get(0))));
        m.put("humanizeTimestamp", Func.of(1, a -> Humanize.timestamp(a.get(0))));
        m.put("toTime", Func.of(1, a -> Humanize.toTime(Humanize.toFloat(a.get(0)))));
        m.put("toDuration", Func.of(1, a -> new GoDuration((long) (Humanize.toFloat(a.get(0)) * 1e9))));
        m.put("now", Func.of(0, a -> timestampMs / 1000.0));
        m.put("pathPrefix", Func.of(0, a -> externalURL.getRawPath() == null ? "" : externalURL.getRawPath()));
        m.put("externalURL", Func.of(0, a -> externalURL.toString()));
        m.put("parseDuration", Func.of(1, a -> parseDuration(Builtins.string(a.get(0)))));
        m.put("urlQueryEscape", Func.of(1, a -> Builtins.queryEscape(Builtins.string(a.get(0)))));
        return m;
    }

    private static QueryResult query(QueryFunc query, String q, long t) {
        if (query == null) {
            throw new FuncException("query function not available");
        }
        List<Sample> out = new ArrayList<>();
        try {
            for (QueryFunc.Element e : query.query(q, t)) {
                out.add(new Sample(new StringMap(e.labels().toMap()), e.value()));
            }
        } catch (RuntimeException e) {
            throw new FuncException(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return new QueryResult(out);
    }

    private static List<?> queryResult(Object v) {
        if (v instanceof QueryResult q) {
            return q;
        }
        throw new FuncException("wrong type for value; expected template.queryResult; got " + GoFormat.typeName(v));
    }

    private static Sample sample(Object v) {
        if (v instanceof Sample s) {
            return s;
        }
        throw new FuncException("wrong type for value; expected *template.sample; got " + GoFormat.typeName(v));
    }

    private static Pattern compile(String re) {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw new FuncException("error parsing regexp: " + e.getMessage());
        }
    }

    private static QueryResult sortByLabel(String label, List<?> v) {
        List<Sample> sorted = new ArrayList<>();
        for (Object o : v) {
            sorted.add((Sample) o);
        }
        sorted.sort(Comparator.comparing(s -> s.labels().getOrDefault(label, "")));
        return new QueryResult(sorted);
    }

    /** {@code cases.Title} without lowering: the first letter of each word upper-cased. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            sb.appendCodePoint(start ? Character.toTitleCase(cp) : cp);
            start = !Character.isLetterOrDigit(cp) && cp != '\'' && cp != '_';
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static String link(String expr, int tab) {
        return "/graph?g0.expr=" + Builtins.queryEscape(expr) + "&g0.tab=" + tab;
    }

    private static double parseDuration(String d) {
        boolean neg = d.startsWith("-");
        try {
            double s = Durations.parse(neg ? d.substring(1) : d).toNanos() / 1e9;
            return neg ? -s : s;
        } catch (IllegalArgumentException e) {
            throw new FuncException(e.getMessage());
        }
    }
}
