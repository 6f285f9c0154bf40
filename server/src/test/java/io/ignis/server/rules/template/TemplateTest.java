package io.ignis.server.rules.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TemplateTest {
    record Case(String text, Object data, String want) {
        @Override
        public String toString() {
            return text.replace("\n", "\\n");
        }
    }

    record Bad(String text, Object data, String error) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static final long NOW_MS = 1353755652000L;
    private static final QueryFunc QUERY = (q, t) -> switch (q) {
        case "1.5" -> List.of(new QueryFunc.Element(Labels.EMPTY, 1.5));
        case "metric" -> List.of(
                new QueryFunc.Element(Labels.of("__name__", "metric", "instance", "b"), 21.0),
                new QueryFunc.Element(Labels.of("__name__", "metric", "instance", "a"), 11.0));
        case "missing" -> List.of();
        case "time" -> List.of(new QueryFunc.Element(Labels.EMPTY, t / 1000.0));
        default -> throw new IllegalArgumentException("bad query " + q);
    };
    private static final Expander EXPANDER = new Expander(QUERY, URI.create("http://testhost:9090/path/prefix"));

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Stream<Case> goTemplates() {
        Map<String, Object> d = map("A", "x", "N", 3L, "F", 1.5, "T", true, "L", List.of(1L, 2L, 3L),
                "M", map("b", 2L, "a", 1L), "E", List.of(), "S", new StringMap(Map.of("k", "v")));
        return Stream.of(
                new Case("plain text", null, "plain text"),
                new Case("{{ 1 }}", null, "1"),
                new Case("{{ 1.0 }}", null, "1"),
                new Case("{{ 1e3 }}", null, "1000"),
                new Case("{{ 1.5e7 }}", null, "1.5e+07"),
                new Case("{{ 0.00001 }}", null, "1e-05"),
                new Case("{{ -3 }}", null, "-3"),
                new Case("{{ 0x1F }}", null, "31"),
                new Case("{{ 'a' }}", null, "97"),
                new Case("{{ \"a\\tb\" }}", null, "a\tb"),
                new Case("{{ `raw\\n` }}", null, "raw\\n"),
                new Case("{{ true }} {{ false }}", null, "true false"),
                new Case("{{ .A }}", d, "x"),
                new Case("{{ .N }}:{{ .F }}", d, "3:1.5"),
                new Case("{{ .L }}", d, "[1 2 3]"),
                new Case("{{ .M }}", d, "map[a:1 b:2]"),
                new Case("{{ .M.a }}", d, "1"),
                new Case("{{ .Missing }}", d, "<no value>"),
                new Case("{{ .S.k }}|{{ .S.nope }}|", d, "v||"),
                new Case("{{ .Missing.Deeper }}", d, "<no value>"),
                new Case("{{ . }}", "dot", "dot"),
                new Case("{{ $x := 5 }}{{ $x }}", null, "5"),
                new Case("{{ $x := 5 }}{{ $x = 6 }}{{ $x }}", null, "6"),
                new Case("{{ $ }}", "root", "root"),
                new Case("{{ with $x := .A }}{{ $x }}{{ end }}", d, "x"),
                new Case("{{ if .T }}yes{{ else }}no{{ end }}", d, "yes"),
                new Case("{{ if .E }}yes{{ else }}no{{ end }}", d, "no"),
                new Case("{{ if eq .N 1 }}one{{ else if eq .N 3 }}three{{ else }}other{{ end }}", d, "three"),
                new Case("{{ if eq .N 1 }}one{{ else if eq .N 2 }}two{{ else }}other{{ end }}", d, "other"),
                new Case("{{ with .A }}[{{ . }}]{{ else }}none{{ end }}", d, "[x]"),
                new Case("{{ with .Missing }}[{{ . }}]{{ else }}none{{ end }}", d, "none"),
                new Case("{{ with .Missing }}a{{ else with .A }}b{{ . }}{{ end }}", d, "bx"),
                new Case("{{ range .L }}{{ . }},{{ end }}", d, "1,2,3,"),
                new Case("{{ range $i, $e := .L }}{{ $i }}={{ $e }};{{ end }}", d, "0=1;1=2;2=3;"),
                new Case("{{ range $e := .L }}{{ $e }}{{ end }}", d, "123"),
                new Case("{{ range $k, $v := .M }}{{ $k }}{{ $v }}{{ end }}", d, "a1b2"),
                new Case("{{ range .E }}x{{ else }}empty{{ end }}", d, "empty"),
                new Case("{{ range 3 }}{{ . }}{{ end }}", null, "012"),
                new Case("{{ range .L }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}", d, "1"),
                new Case("{{ range .L }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}", d, "13"),
                new Case("{{ range .L }}{{ $x := . }}{{ end }}{{ len .L }}", d, "3"),
                new Case("{{ define \"t\" }}<{{ . }}>{{ end }}{{ template \"t\" .A }}", d, "<x>"),
                new Case("{{ template \"t\" }}{{ define \"t\" }}no dot: {{ . }}{{ end }}", d, "no dot: <no value>"),
                new Case("{{ block \"b\" .N }}block {{ . }}{{ end }}", d, "block 3"),
                new Case("a  {{- 1 -}}  b", null, "a1b"),
                new Case("a \n {{- /* comment */ -}} \n b", null, "ab"),
                new Case("{{/* c */}}x", null, "x"),
                new Case("{{ -1 }}", null, "-1"),
                new Case("{{ .A | printf \"%s-%s\" \"p\" }}", d, "p-x"),
                new Case("{{ \"x\" | printf \"%q\" }}", null, "\"x\""),
                new Case("{{ printf \"%d %5.2f %-4s| %x %v %t\" 42 3.14159 \"ab\" 255 .L true }}", d,
                        "42  3.14 ab  | ff [1 2 3] true"),
                new Case("{{ printf \"%e %g %G %.3g\" 123456.789 0.000012 1e21 2.0 }}", null,
                        "1.234568e+05 1.2e-05 1E+21 2"),
                new Case("{{ printf \"%05d|%+d|%x\" 42 7 \"hi\" }}", null, "00042|+7|6869"),
                new Case("{{ printf \"%d\" }}", null, "%!d(MISSING)"),
                new Case("{{ printf \"%d\" 1 2 }}", null, "1%!(EXTRA int=2)"),
                new Case("{{ printf \"%d\" \"s\" }}", null, "%!d(string=s)"),
                new Case("{{ printf \"%0.2f\" 0.125 }}", null, "0.12"),
                new Case("{{ printf \"%.0f\" 2.5 }}", null, "2"),
                new Case("{{ print 1 2 \"a\" 3 \"b\" \"c\" }}", null, "1 2a3bc"),
                new Case("{{ println 1 \"a\" }}", null, "1 a\n"),
                new Case("{{ len \"héllo\" }} {{ len .L }} {{ len .M }}", d, "6 3 2"),
                new Case("{{ index .L 1 }} {{ index .M \"b\" }} {{ index .M \"zz\" }}", d, "2 2 <no value>"),
                new Case("{{ index .S \"k\" }}|{{ index .S \"zz\" }}|", d, "v||"),
                new Case("{{ slice \"abcdef\" 1 3 }} {{ slice .L 1 }}", d, "bc [2 3]"),
                new Case("{{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 \"\" }} {{ or 0 \"x\" 1 }}", null, "0 2  x"),
                new Case("{{ and .Missing .Missing.X }}", d, "<no value>"),
                new Case("{{ not 0 }} {{ not .A }}", d, "true false"),
                new Case("{{ eq 1 1 }} {{ eq \"a\" \"b\" \"a\" }} {{ ne 1 2 }}", null, "true true true"),
                new Case("{{ lt 1 2 }} {{ le 2 2 }} {{ gt 1.5 2.5 }} {{ ge \"b\" \"a\" }}", null,
                        "true true false true"),
                new Case("{{ html \"<a href='x'>&\\\"\" }}", null, "&lt;a href=&#39;x&#39;&gt;&amp;&#34;"),
                new Case("{{ js \"it's <b>\\\"=\\\\\" }}", null, "it\\'s \\u003Cb\\u003E\\\"\\u003D\\\\"),
                new Case("{{ urlquery \"a b&c=d/é\" }}", null, "a+b%26c%3Dd%2F%C3%A9"),
                new Case("{{ \"a\" | html | printf \"%s!\" }}", null, "a!"),
                new Case("{{ (print 1 2) }}", null, "1 2"),
                new Case("{{ (index .M \"a\") }}", d, "1"),
                new Case("line1\n{{ if true }}\nin\n{{ end }}", null, "line1\n\nin\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goTemplates")
    void goTemplate(Case c) {
        assertThat(Template.parse("main", c.text).execute(c.data)).isEqualTo(c.want);
    }

    static Stream<Case> prometheusFunctions() {
        return Stream.of(
                new Case("{{ query \"1.5\" | first | value }}", null, "1.5"),
                new Case("{{ query \"metric\" | first | label \"instance\" }}", null, "b"),
                new Case("{{ query \"metric\" | first | label \"foo\" }}|", null, "|"),
                new Case("{{ $x := query \"metric\" | first }}{{ $x.Labels.foo }}|{{ $x.Value }}", null, "|21"),
                new Case("{{ range query \"metric\" | sortByLabel \"instance\" }}{{ .Labels.instance }}:{{ .Value }}: "
                        + "{{ end }}", null, "a:11: b:21: "),
                new Case("{{ define \"x\" }}{{ .arg0 }} {{ .arg1 }}{{ end }}{{ template \"x\" (args 1 \"2\") }}", null,
                        "1 2"),
                new Case("{{ \"<b>\" }}", null, "<b>"),
                new Case("{{ \"<b>\" | safeHtml }}", null, "<b>"),
                new Case("{{ \"foo.example.com\" | stripPort }}", null, "foo.example.com"),
                new Case("{{ \"foo.example.com:12345\" | stripPort }}", null, "foo.example.com"),
                new Case("{{ \"192.0.2.1:12345\" | stripPort }}", null, "192.0.2.1"),
                new Case("{{ \"2001:0DB8::1\" | stripPort }}", null, "2001:0DB8::1"),
                new Case("{{ \"[2001:0DB8::1]:12345\" | stripPort }}", null, "2001:0DB8::1"),
                new Case("{{ \"[2001:0DB8::1]::12345\" | stripPort }}", null, "[2001:0DB8::1]::12345"),
                new Case("{{ \"foo.example.com\" | stripDomain }}", null, "foo"),
                new Case("{{ \"foo.example.com:12345\" | stripDomain }}", null, "foo:12345"),
                new Case("{{ \"192.0.2.1\" | stripDomain }}", null, "192.0.2.1"),
                new Case("{{ \"192.0.2.1:12345\" | stripDomain }}", null, "192.0.2.1:12345"),
                new Case("{{ \"2001:0DB8::1\" | stripDomain }}", null, "2001:0DB8::1"),
                new Case("{{ \"[2001:0DB8::1]:12345\" | stripDomain }}", null, "[2001:0DB8::1]:12345"),
                new Case("{{ \"[2001:0DB8::1]::12345\" | stripDomain }}", null, "[2001:0DB8::1]::12345"),
                new Case("{{ reReplaceAll \"(a)b\" \"x$1\" \"ab\" }}", null, "xa"),
                new Case("{{ reReplaceAll \"(?P<h>[^:]+):.*\" \"${h}!\" \"host:9100\" }}", null, "host!"),
                new Case("{{ reReplaceAll \"a*\" \"-\" \"baaac\" }}", null, "-b-c-"),
                new Case("{{ range . }}{{ humanize . }}:{{ end }}", List.of(0.0, 1.0, 1234567.0, .12),
                        "0:1:1.235M:120m:"),
                new Case("{{ range . }}{{ humanize . }}:{{ end }}", List.of("0.0", "1.0", "1234567.0", ".12"),
                        "0:1:1.235M:120m:"),
                new Case("{{ range . }}{{ humanize . }}:{{ end }}", List.of(0L, -1L, 1L, 1234567L, Long.MAX_VALUE),
                        "0:-1:1:1.235M:9.223E:"),
                new Case("{{ range . }}{{ humanize . }}:{{ end }}", List.of(0.000001234, 1e-30, 1e30),
                        "1.234u:1e-06y:1e+06Y:"),
                new Case("{{ range . }}{{ humanize1024 . }}:{{ end }}", List.of(0.0, 1.0, 1048576.0, .12),
                        "0:1:1Mi:0.12:"),
                new Case("{{ range . }}{{ humanize1024 . }}:{{ end }}", List.of(0L, -1L, 1L, 1234567L, Long.MAX_VALUE),
                        "0:-1:1:1.177Mi:8Ei:"),
                new Case("{{ range . }}{{ humanizeDuration . }}:{{ end }}",
                        List.of(0.0, 1.0, 60.0, 3600.0, 86400.0, 86400.0 + 3600, -(86400.0 * 2 + 3600 * 3 + 60 * 4 + 5),
                                899.99),
                        "0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:"),
                new Case("{{ range . }}{{ humanizeDuration . }}:{{ end }}",
                        List.of(.1, .0001, .12345, 60.1, 60.5, 1.2345, 12.345),
                        "100ms:100us:123.5ms:1m 0s:1m 0s:1.234s:12.35s:"),
                new Case("{{ range . }}{{ humanizeDuration . }}:{{ end }}", List.of("0", "1", "60", "3600", "86400"),
                        "0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:"),
                new Case("{{ range . }}{{ humanizeDuration . }}:{{ end }}", List.of(0L, -1L, 1L, 1234567L),
                        "0s:-1s:1s:14d 6h 56m 7s:"),
                new Case("{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:"
                        + "{{ humanizeTimestamp . }}:{{ end }}",
                        List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN),
                        "+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:"),
                new Case("{{ range . }}{{ humanize . }}:{{ humanize1024 . }}:{{ humanizeDuration . }}:"
                        + "{{ humanizeTimestamp . }}:{{ end }}", List.of("+Inf", "-Inf", "NaN"),
                        "+Inf:+Inf:+Inf:+Inf:-Inf:-Inf:-Inf:-Inf:NaN:NaN:NaN:NaN:"),
                new Case("{{ -0.22222 | humanizePercentage }}:{{ 0.0 | humanizePercentage }}:"
                        + "{{ 0.1234567 | humanizePercentage }}:{{ 1.23456 | humanizePercentage }}", null,
                        "-22.22%:0%:12.35%:123.5%"),
                new Case("{{ range . }}{{ humanizePercentage . }}:{{ end }}",
                        List.of(0L, -1L, 1L, 1234567L, Long.MAX_VALUE), "0%:-100%:100%:1.235e+08%:9.223e+20%:"),
                new Case("{{ range . }}{{ humanizeTimestamp . }}:{{ end }}",
                        List.of(0L, -1L, 1L, 1234567L, 9223372036L),
                        "1970-01-01 00:00:00 +0000 UTC:1969-12-31 23:59:59 +0000 UTC:1970-01-01 00:00:01 +0000 UTC:"
                                + "1970-01-15 06:56:07 +0000 UTC:2262-04-11 23:47:16 +0000 UTC:"),
                new Case("{{ 1435065584.128 | humanizeTimestamp }}", null, "2015-06-23 13:19:44.128 +0000 UTC"),
                new Case("{{ \"1435065584.128\" | humanizeTimestamp }}", null, "2015-06-23 13:19:44.128 +0000 UTC"),
                new Case("{{ (1435065584.128 | toTime).Format \"2006\" }}", null, "2015"),
                new Case("{{ (1435065584.128 | toTime).Format \"Jan 02 15:04:05.000 MST\" }}", null,
                        "Jun 23 13:19:44.128 UTC"),
                new Case("{{ (1800 | toDuration).String }}", null, "30m0s"),
                new Case("{{ (\"1800\" | toDuration).String }}", null, "30m0s"),
                new Case("{{ (3723.5 | toDuration) }}", null, "1h2m3.5s"),
                new Case("{{ now }}", null, "1.353755652e+09"),
                new Case("{{ (now | toTime).Format \"Mon Jan 2 15:04:05 2006\" }}", null, "Sat Nov 24 11:14:12 2012"),
                new Case("{{ (\"-30m\" | parseDuration | toDuration | (now | toTime).Add).UnixMilli }}", null,
                        "1353753852000"),
                new Case("{{ \"aa bb CC\" | title }}", null, "Aa Bb CC"),
                new Case("{{ \"aa bb CC\" | toUpper }}", null, "AA BB CC"),
                new Case("{{ \"aA bB CC\" | toLower }}", null, "aa bb cc"),
                new Case("{{ match \"a+\" \"aa\" }} {{ match \"a+\" \"b\" }}", null, "true false"),
                new Case("{{ graphLink \"up\" }}", null, "/graph?g0.expr=up&g0.tab=0"),
                new Case("{{ tableLink \"rate(x[5m])\" }}", null, "/graph?g0.expr=rate%28x%5B5m%5D%29&g0.tab=1"),
                new Case("{{ pathPrefix }}", null, "/path/prefix"),
                new Case("{{ externalURL }}", null, "http://testhost:9090/path/prefix"),
                new Case("{{ printf \"%0.2f\" (parseDuration \"1h2m10ms\") }}", null, "3720.01"),
                new Case("{{ printf \"%0.2f\" (parseDuration \"-1h2m10ms\") }}", null, "-3720.01"),
                new Case("{{ urlQueryEscape \"a b\" }}", null, "a+b"),
                new Case("{{ query \"time\" | first | value }}", null, "1.353755652e+09"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prometheusFunctions")
    void prometheusFunction(Case c) {
        assertThat(EXPANDER.expand("test", c.text, c.data, NOW_MS)).isEqualTo(c.want);
    }

    static Stream<Case> alertTemplates() {
        AlertTemplateData data = AlertTemplateData.of(Map.of("instance", "host:9100", "job", "node"),
                Map.of("cluster", "eu"), "http://prom:9090", 0.8765);
        return Stream.of(
                new Case("{{ $labels.instance }} of {{ $labels.job }}", data, "host:9100 of node"),
                new Case("{{ $value }}", data, "0.8765"),
                new Case("{{ $value | humanizePercentage }}", data, "87.65%"),
                new Case("{{ $externalLabels.cluster }} {{ $externalURL }}", data, "eu http://prom:9090"),
                new Case("{{ $labels.absent }}|", data, "|"),
                new Case("{{ .Labels.job }} {{ .Value }}", data, "node 0.8765"),
                new Case("{{ if gt $value 0.5 }}high{{ end }}", data, "high"),
                new Case("{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}", data,
                        "instance=host:9100 job=node "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alertTemplates")
    void alertTemplate(Case c) {
        assertThat(EXPANDER.expandAlert("HighLoad", c.text, (AlertTemplateData) c.data, NOW_MS)).isEqualTo(c.want);
    }

    static Stream<Bad> errors() {
        Map<String, Object> d = map("A", "x", "L", List.of(1L));
        return Stream.of(
                new Bad("{{ }}", null, "template: test:1: missing value for command"),
                new Bad("{{", null, "template: test:1: unclosed action"),
                new Bad("x\n{{ if true }}", null, "template: test:2: unexpected EOF"),
                new Bad("{{ end }}", null, "unexpected {{end}}"),
                new Bad("{{ nosuch 1 }}", null, "function \"nosuch\" not defined"),
                new Bad("{{ $x }}", null, "undefined variable \"$x\""),
                new Bad("{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}", null, "undefined variable \"$x\""),
                new Bad("{{ break }}", null, "{{break}} outside {{range}}"),
                new Bad("{{ 1 | 2 }}", null, "non executable command in pipeline stage 2"),
                new Bad("{{ \"abc }}", null, "unterminated quoted string"),
                new Bad("{{ (1 }}", null, "unclosed left paren"),
                new Bad("{{ /* x */ }}", null, "comment ends before closing delimiter"),
                new Bad("{{ humanize \"one\" }}", null,
                        "error calling humanize: strconv.ParseFloat: parsing \"one\": invalid syntax"),
                new Bad("{{ humanize1024 \"one\" }}", null, "error calling humanize1024"),
                new Bad("{{ humanizeDuration \"one\" }}", null, "error calling humanizeDuration"),
                new Bad("{{ \"one\" | humanizePercentage }}", null, "error calling humanizePercentage"),
                new Bad("{{ range . }}{{ humanizeTimestamp . }}{{ end }}", List.of(Long.MIN_VALUE),
                        "cannot be represented as a nanoseconds timestamp since it overflows int64"),
                new Bad("{{ query \"missing\" | first }}", null, "first() called on vector with no elements"),
                new Bad("{{ (query \"missing\").banana }}", null,
                        "can't evaluate field banana in type template.queryResult"),
                new Bad("{{ query \"bad\" }}", null, "error calling query: bad query bad"),
                new Bad("{{ .A.B }}", d, "can't evaluate field B in type string"),
                new Bad("{{ len 3 }}", null, "error calling len: len of type int"),
                new Bad("{{ index .L 5 }}", d, "error calling index: index out of range: 5"),
                new Bad("{{ eq 1 \"a\" }}", null, "error calling eq: incompatible types for comparison"),
                new Bad("{{ lt true false }}", null, "error calling lt: invalid type for comparison"),
                new Bad("{{ template \"nope\" }}", null, "template \"nope\" not defined"),
                new Bad("{{ printf }}", null, "wrong number of args for printf: want at least 1 got 0"),
                new Bad("{{ 1 2 }}", null, "can't give argument to non-function 1"),
                new Bad("{{ nil }}", null, "nil is not a command"),
                new Bad("{{ range 1.5 }}{{ end }}", null, "range can't iterate over 1.5"),
                new Bad("{{ label \"x\" \"notasample\" }}", null,
                        "wrong type for value; expected *template.sample; got string"),
                new Bad("{{ match \"(\" \"x\" }}", null, "error calling match: error parsing regexp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void error(Bad c) {
        assertThatThrownBy(() -> EXPANDER.expand("test", c.text, c.data, NOW_MS))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining(c.error);
    }
}
