package io.ignis.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.promql.parser.ParserOptions;
import io.ignis.promql.parser.PromqlParser;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Query text to its canonical single-line form, as Prometheus's {@code String()} prints it. */
class PrinterTest {
    private static final ParserOptions OPTIONS = new ParserOptions(false, true, true, true);

    record Case(String query, String printed) {
        @Override
        public String toString() {
            return query;
        }
    }

    private static Case c(String query, String printed) {
        return new Case(query, printed);
    }

    static Stream<Case> cases() {
        return Stream.of(
                c("sum by() (task:errors:rate10s{job=\"s\"})", "sum(task:errors:rate10s{job=\"s\"})"),
                c("sum by(code) (task:errors:rate10s{job=\"s\"})", "sum by (code) (task:errors:rate10s{job=\"s\"})"),
                c("sum without() (task:errors:rate10s{job=\"s\"})", "sum without () (task:errors:rate10s{job=\"s\"})"),
                c("sum without(instance) (task:errors:rate10s{job=\"s\"})", "sum without (instance) (task:errors:rate10s{job=\"s\"})"),
                c("sum by(\"foo.bar\") (task:errors:rate10s{job=\"s\"})", "sum by (\"foo.bar\") (task:errors:rate10s{job=\"s\"})"),
                c("sum without(\"foo.bar\") (task:errors:rate10s{job=\"s\"})", "sum without (\"foo.bar\") (task:errors:rate10s{job=\"s\"})"),
                c("topk(5, task:errors:rate10s{job=\"s\"})", "topk(5, task:errors:rate10s{job=\"s\"})"),
                c("count_values(\"value\", task:errors:rate10s{job=\"s\"})", "count_values(\"value\", task:errors:rate10s{job=\"s\"})"),
                c("a - on() c", "a - on () c"),
                c("a - on(b) c", "a - on (b) c"),
                c("a - on(b) group_left(x) c", "a - on (b) group_left (x) c"),
                c("a - on(b) group_left(x, y) c", "a - on (b) group_left (x, y) c"),
                c("a - on(b) group_left c", "a - on (b) group_left () c"),
                c("a - on(b) group_left() (c)", "a - on (b) group_left () (c)"),
                c("a - ignoring(b) c", "a - ignoring (b) c"),
                c("a - ignoring() c", "a - c"),
                c("a - ignoring() group_left(__metric__) c", "a - ignoring () group_left (__metric__) c"),
                c("a - ignoring() group_left c", "a - ignoring () group_left () c"),
                c("a + fill(-23) b", "a + fill (-23) b"),
                c("a + fill_left(-23) b", "a + fill_left (-23) b"),
                c("a + fill_right(42) b", "a + fill_right (42) b"),
                c("a + fill_left(-23) fill_right(42) b", "a + fill_left (-23) fill_right (42) b"),
                c("a + fill_left(5) fill_right(5) b", "a + fill (5) b"),
                c("a + on(b) group_left fill(-23) c", "a + on (b) group_left () fill (-23) c"),
                c("up > bool 0", "up > bool 0"),
                c("a offset 1m", "a offset 1m"),
                c("a offset -7m", "a offset -7m"),
                c("a{c=\"d\"}[5m] offset 1m", "a{c=\"d\"}[5m] offset 1m"),
                c("a[5m] offset 1m", "a[5m] offset 1m"),
                c("a[12m] offset -3m", "a[12m] offset -3m"),
                c("a[1h:5m] offset 1m", "a[1h:5m] offset 1m"),
                c("a anchored", "a anchored"),
                c("a[5m] anchored", "a[5m] anchored"),
                c("a{b=\"c\"}[5m] anchored", "a{b=\"c\"}[5m] anchored"),
                c("a{b=\"c\"}[5m] anchored offset 1m", "a{b=\"c\"}[5m] anchored offset 1m"),
                c("a{b=\"c\"}[5m] anchored @ start() offset 1m", "a{b=\"c\"}[5m] anchored @ start() offset 1m"),
                c("a smoothed", "a smoothed"),
                c("a[5m] smoothed", "a[5m] smoothed"),
                c("a{b=\"c\"}[5m] smoothed", "a{b=\"c\"}[5m] smoothed"),
                c("a{b=\"c\"}[5m] smoothed offset 1m", "a{b=\"c\"}[5m] smoothed offset 1m"),
                c("a{b=\"c\"}[5m] smoothed @ start() offset 1m", "a{b=\"c\"}[5m] smoothed @ start() offset 1m"),
                c("{__name__=\"a\"}", "{__name__=\"a\"}"),
                c("a{b!=\"c\"}[1m]", "a{b!=\"c\"}[1m]"),
                c("a{b=~\"c\"}[1m]", "a{b=~\"c\"}[1m]"),
                c("a{b!~\"c\"}[1m]", "a{b!~\"c\"}[1m]"),
                c("a @ 10", "a @ 10.000"),
                c("a[1m] @ 10", "a[1m] @ 10.000"),
                c("a @ start()", "a @ start()"),
                c("a @ end()", "a @ end()"),
                c("a[1m] @ start()", "a[1m] @ start()"),
                c("a[1m] @ end()", "a[1m] @ end()"),
                c("{__name__=\"\",a=\"x\"}", "{__name__=\"\",a=\"x\"}"),
                c("{\"a.b\"=\"c\"}", "{\"a.b\"=\"c\"}"),
                c("{\"0\"=\"1\"}", "{\"0\"=\"1\"}"),
                c("{\"_0\"=\"1\"}", "{_0=\"1\"}"),
                c("{\"\"=\"0\"}", "{\"\"=\"0\"}"),
                c("{``=\"0\"}", "{\"\"=\"0\"}"),
                c("1048576", "1048576"),
                c("foo[step()]", "foo[step()]"),
                c("foo[-step()]", "foo[-step()]"),
                c("foo[(step())]", "foo[(step())]"),
                c("foo[-(step())]", "foo[-(step())]"),
                c("foo offset step()", "foo offset step()"),
                c("foo offset -step()", "foo offset -step()"),
                c("foo offset (step())", "foo offset (step())"),
                c("foo offset -(step())", "foo offset -(step())"),
                c("foo offset +(5)", "foo offset (5)"),
                c("foo offset -(5)", "foo offset -(5)"),
                c("foo offset (5)", "foo offset (5)"),
                c("foo offset (5m)", "foo offset (5m)"),
                c("foo[(5s)]", "foo[(5s)]"),
                c("foo[(5m):(1m)]", "foo[(5m):(1m)]"),
                c("foo offset +min_of(10s, 20s)", "foo offset min_of(10s, 20s)"),
                c("foo offset -min_of(10s, 20s)", "foo offset -min_of(10s, 20s)"),
                c("foo offset -min_of(10s, +max_of(step() ^ 2, 2))", "foo offset -min_of(10s, max_of(step() ^ 2, 2))"),
                c("foo[200-min_of(-step()^+step(),1)]", "foo[200 - min_of(-step() ^ step(), 1)]"),
                c("foo[200 - min_of(step() + 10s, -max_of(step() ^ 2, 3))]", "foo[200 - min_of(step() + 10s, -max_of(step() ^ 2, 3))]"),
                c("foo[range()]", "foo[range()]"),
                c("foo[-range()]", "foo[-range()]"),
                c("foo offset range()", "foo offset range()"),
                c("foo offset -range()", "foo offset -range()"),
                c("foo[max_of(range(), 5s)]", "foo[max_of(range(), 5s)]"),
                c("predict_linear(foo[1h], 3000)", "predict_linear(foo[1h], 3000)"),
                c("sum by(\"\u00fc\u00fc\u00fc\") (foo)", "sum by (\"\u00fc\u00fc\u00fc\") (foo)"),
                c("sum without(\"\u00e4\u00e4\u00e4\") (foo)", "sum without (\"\u00e4\u00e4\u00e4\") (foo)"),
                c("count by(\"\u00f6\u00f6\u00f6\", job) (foo)", "count by (\"\u00f6\u00f6\u00f6\", job) (foo)"),
                c("foo / on(\"\u00e4\u00e4\u00e4\") bar", "foo / on (\"\u00e4\u00e4\u00e4\") bar"),
                c("foo / ignoring(\"\u00fc\u00fc\u00fc\") bar", "foo / ignoring (\"\u00fc\u00fc\u00fc\") bar"),
                c("foo / on(\"\u00e4\u00e4\u00e4\") group_left(\"\u00f6\u00f6\u00f6\") bar", "foo / on (\"\u00e4\u00e4\u00e4\") group_left (\"\u00f6\u00f6\u00f6\") bar"),
                c("foo / on(\"\u00e4\u00e4\u00e4\") group_right(\"\u00f6\u00f6\u00f6\") bar", "foo / on (\"\u00e4\u00e4\u00e4\") group_right (\"\u00f6\u00f6\u00f6\") bar"),
                c("foo / on(legacy, \"\u00fc\u00fc\u00fc\") bar", "foo / on (legacy, \"\u00fc\u00fc\u00fc\") bar"),
                c("foo / on(job, instance) bar", "foo / on (job, instance) bar"),
                c("1", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsLikePrometheus(Case c) {
        assertThat(PromqlParser.parse(c.query(), OPTIONS).toString()).isEqualTo(c.printed());
    }
}
