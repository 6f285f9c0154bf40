package io.ignis.promql.parser;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid queries and the exact message Prometheus gives for each (position, then wording). The first block
 * follows the cases of Prometheus's parser tests; the second adds our own.
 */
class ParseErrorsTest {
    /** As Prometheus's parser tests run: everything but the fill modifiers enabled. */
    private static final ParserOptions OPTIONS = new ParserOptions(true, true, true, false);

    record Case(String query, String message) {
        @Override
        public String toString() {
            return query.isEmpty() ? "<empty>" : query.replace("\n", "\\n");
        }
    }

    private static Case c(String query, String message) {
        return new Case(query, message);
    }

    static Stream<Case> prometheusCases() {
        return Stream.of(
                c("", "unknown position: parse error: no expression found in input"),
                c("# just a comment\n\n", "1:1: parse error: no expression found in input"),
                c("1+", "1:3: parse error: unexpected end of input"),
                c(".", "1:1: parse error: unexpected character: '.'"),
                c("2.5.", "1:1: parse error: bad number or duration syntax: \"2.5.\""),
                c("100..4", "1:1: parse error: bad number or duration syntax: \"100..\""),
                c("0deadbeef", "1:1: parse error: bad number or duration syntax: \"0de\""),
                c("1 /", "1:4: parse error: unexpected end of input"),
                c("*1", "1:1: parse error: unexpected <op:*>"),
                c("(1))", "1:5: parse error: unexpected right parenthesis ')'"),
                c("((1)", "1:5: parse error: unclosed left parenthesis"),
                c("999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999", "1:1: parse error: error parsing number: strconv.ParseFloat: parsing \"999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999\": value out of range"),
                c("(", "1:2: parse error: unclosed left parenthesis"),
                c("1 and 1", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression"),
                c("1 == 1", "1:3: parse error: comparisons between scalars must use BOOL modifier"),
                c("1 or 1", "1:1: parse error: set operator \"or\" not allowed in binary scalar expression"),
                c("1 unless 1", "1:1: parse error: set operator \"unless\" not allowed in binary scalar expression"),
                c("1 !~ 1", "1:3: parse error: unexpected character after '!': '~'"),
                c("1 =~ 1", "1:3: parse error: unexpected character after '=': '~'"),
                c("-\"string\"", "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"string\""),
                c("-test[5m]", "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\""),
                c("*test", "1:1: parse error: unexpected <op:*>"),
                c("@@", "1:1: parse error: unexpected <op:@>"),
                c("1 offset 1d", "1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
                c("foo offset 1s offset 2s", "1:1: parse error: offset may not be set multiple times"),
                c("a - on(b) ignoring(c) d", "1:11: parse error: unexpected <ignoring>"),
                c("foo and 1", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression"),
                c("1 and foo", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression"),
                c("foo or 1", "1:1: parse error: set operator \"or\" not allowed in binary scalar expression"),
                c("1 or foo", "1:1: parse error: set operator \"or\" not allowed in binary scalar expression"),
                c("foo unless 1", "1:1: parse error: set operator \"unless\" not allowed in binary scalar expression"),
                c("1 unless foo", "1:1: parse error: set operator \"unless\" not allowed in binary scalar expression"),
                c("1 or on(bar) foo", "1:1: parse error: vector matching only allowed between instant vectors"),
                c("foo == on(bar) 10", "1:1: parse error: vector matching only allowed between instant vectors"),
                c("foo + group_left(baz) bar", "1:7: parse error: unexpected <group_left>"),
                c("foo and on(bar) group_left(baz) bar", "1:1: parse error: no grouping allowed for \"and\" operation"),
                c("foo and on(bar) group_right(baz) bar", "1:1: parse error: no grouping allowed for \"and\" operation"),
                c("foo or on(bar) group_left(baz) bar", "1:1: parse error: no grouping allowed for \"or\" operation"),
                c("foo or on(bar) group_right(baz) bar", "1:1: parse error: no grouping allowed for \"or\" operation"),
                c("foo unless on(bar) group_left(baz) bar", "1:1: parse error: no grouping allowed for \"unless\" operation"),
                c("foo unless on(bar) group_right(baz) bar", "1:1: parse error: no grouping allowed for \"unless\" operation"),
                c("http_requests{group=\"production\"} + on(instance) group_left(job,instance) cpu_count{type=\"smp\"}", "1:35: parse error: label \"instance\" must not occur in ON and GROUP clause at once"),
                c("foo + bool bar", "1:5: parse error: bool modifier can only be used on comparison operators"),
                c("foo + bool 10", "1:5: parse error: bool modifier can only be used on comparison operators"),
                c("foo and bool 10", "1:5: parse error: bool modifier can only be used on comparison operators"),
                c("http_requests{group=\"production\"} + on(instance) group_left(job,instance) cpu_count{type=\"smp\"}", "1:35: parse error: label \"instance\" must not occur in ON and GROUP clause at once"),
                c("foo @ +Inf", "1:1: parse error: timestamp out of bounds for @ modifier: +Inf"),
                c("foo @ -Inf", "1:1: parse error: timestamp out of bounds for @ modifier: -Inf"),
                c("foo @ NaN", "1:1: parse error: timestamp out of bounds for @ modifier: NaN"),
                c("{", "1:2: parse error: unexpected end of input inside braces"),
                c("}", "1:1: parse error: unexpected character: '}'"),
                c("some{", "1:6: parse error: unexpected end of input inside braces"),
                c("some}", "1:5: parse error: unexpected character: '}'"),
                c("some_metric{a=b}", "1:15: parse error: unexpected identifier \"b\" in label matching, expected string"),
                c("some_metric{a:b=\"b\"}", "1:14: parse error: unexpected character inside braces: ':'"),
                c("foo{a*\"b\"}", "1:6: parse error: unexpected character inside braces: '*'"),
                c("foo{a>=\"b\"}", "1:6: parse error: unexpected character inside braces: '>'"),
                c("foo{gibberish}", "1:14: parse error: unexpected \"}\" in label matching, expected label matching operator"),
                c("foo{1}", "1:5: parse error: unexpected character inside braces: '1'"),
                c("{}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
                c("{x=\"\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
                c("{x=~\".*\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
                c("{x!~\".+\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
                c("{x!=\"a\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher"),
                c("foo{__name__=\"bar\"}", "1:1: parse error: metric name must not be set twice: \"foo\" or \"bar\""),
                c("foo{__name__= =}", "1:15: parse error: unexpected \"=\" in label matching, expected string"),
                c("foo{,}", "1:5: parse error: unexpected \",\" in label matching, expected identifier or \"}\""),
                c("foo{__name__ == \"bar\"}", "1:15: parse error: unexpected \"=\" in label matching, expected string"),
                c("foo{__name__=\"bar\" lol}", "1:20: parse error: unexpected identifier \"lol\" in label matching, expected \",\" or \"}\""),
                c("foo{\"a\"=}", "1:9: parse error: unexpected \"}\" in label matching, expected string"),
                c("foo[5mm]", "1:5: parse error: bad number or duration syntax: \"5mm\""),
                c("foo[5m1]", "1:5: parse error: bad number or duration syntax: \"5m1\""),
                c("foo[5m:1m1]", "1:8: parse error: bad number or duration syntax: \"1m1\""),
                c("foo[5y1hs]", "1:5: parse error: unknown unit \"hs\" in duration \"5y1hs\""),
                c("foo[5m1h]", "1:5: parse error: not a valid duration string: \"5m1h\""),
                c("foo[5m1m]", "1:5: parse error: not a valid duration string: \"5m1m\""),
                c("foo[0m]", "1:5: parse error: duration must be greater than 0"),
                c("foo[\"5m\"]", "1:5: parse error: unexpected character in duration expression: '\"'"),
                c("foo[]", "1:5: parse error: unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()"),
                c("foo[-1]", "1:5: parse error: duration must be greater than 0"),
                c("some_metric[5m] OFFSET 1mm", "1:24: parse error: bad number or duration syntax: \"1mm\""),
                c("some_metric[5m] OFFSET", "1:23: parse error: unexpected end of input in offset, expected number, duration, step(), or range()"),
                c("some_metric OFFSET 1m[5m]", "1:22: parse error: no offset modifiers allowed before range"),
                c("some_metric[5m] @", "1:18: parse error: unexpected end of input in @, expected timestamp"),
                c("some_metric @ 1234 [5m]", "1:20: parse error: no @ modifiers allowed before range"),
                c("some_metric @ start() [5m]", "1:23: parse error: no @ modifiers allowed before range"),
                c("some_metric @ end()[5m]", "1:20: parse error: no @ modifiers allowed before range"),
                c("some_metric offset step()[5m]", "1:26: parse error: no offset modifiers allowed before range"),
                c("(foo + bar)[5m]", "1:12: parse error: ranges only allowed for vector selectors"),
                c("sum by (\"foo)(some_metric{})", "1:9: parse error: unterminated quoted string"),
                c("sum without(==)(some_metric)", "1:13: parse error: unexpected <op:==> in grouping opts, expected label"),
                c("sum without(,)(some_metric)", "1:13: parse error: unexpected \",\" in grouping opts, expected label"),
                c("sum without(foo,,)(some_metric)", "1:17: parse error: unexpected \",\" in grouping opts, expected label"),
                c("sum some_metric by (test)", "1:5: parse error: unexpected identifier \"some_metric\""),
                c("sum (some_metric) by test", "1:22: parse error: unexpected identifier \"test\" in grouping opts, expected \"(\""),
                c("sum () by (test)", "1:1: parse error: no arguments for aggregate expression provided"),
                c("MIN keep_common (some_metric)", "1:5: parse error: unexpected identifier \"keep_common\""),
                c("MIN (some_metric) keep_common", "1:19: parse error: unexpected identifier \"keep_common\""),
                c("sum (some_metric) without (test) by (test)", "1:34: parse error: unexpected <by>"),
                c("sum without (test) (some_metric) by (test)", "1:34: parse error: unexpected <by>"),
                c("topk(some_metric)", "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1"),
                c("topk(some_metric,)", "1:17: parse error: trailing commas not allowed in function call args"),
                c("topk(some_metric, other_metric)", "1:6: parse error: expected type scalar in aggregation parameter, got instant vector"),
                c("count_values(5, other_metric)", "1:14: parse error: expected type string in aggregation parameter, got scalar"),
                c("rate(some_metric[5m]) @ 1234", "1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
                c("floor()", "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 0"),
                c("floor(some_metric, other_metric)", "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 2"),
                c("floor(some_metric, 1)", "1:1: parse error: expected 1 argument(s) in call to \"floor\", got 2"),
                c("floor(1)", "1:7: parse error: expected type instant vector in call to function \"floor\", got scalar"),
                c("hour(some_metric, some_metric, some_metric)", "1:1: parse error: expected at most 1 argument(s) in call to \"hour\", got 3"),
                c("time(some_metric)", "1:1: parse error: expected 0 argument(s) in call to \"time\", got 1"),
                c("non_existent_function_far_bar()", "1:1: parse error: unknown function with name \"non_existent_function_far_bar\""),
                c("rate(some_metric)", "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector"),
                c("*1", "1:1: parse error: unexpected <op:*>"),
                c("-=", "1:2: parse error: unexpected \"=\""),
                c("++-++-+-+-<", "1:11: parse error: unexpected <op:<>"),
                c("e-+=/(0)", "1:4: parse error: unexpected \"=\""),
                c("a>b()", "1:3: parse error: unknown function with name \"b\""),
                c("rate(avg)", "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector"),
                c("`\\``", "1:4: parse error: unterminated raw string"),
                c("\"\\", "1:1: parse error: escape sequence not terminated"),
                c("\"\\c\"", "1:1: parse error: unknown escape sequence U+0063 'c'"),
                c("\"\\x.\"", "1:1: parse error: illegal character U+002E '.' in escape sequence"),
                c("foo{bar=\"baz\"}[", "1:16: parse error: unexpected end of input in duration expression"),
                c("test[5d] OFFSET 10s [10m:5s]", "1:1: parse error: subquery is only allowed on instant vector, got matrix instead"),
                c("(foo + bar{nm=\"val\"})[5m:][10m:5s]", "1:1: parse error: subquery is only allowed on instant vector, got matrix instead"),
                c("rate(food[1m])[1h] offset 1h", "1:15: parse error: ranges only allowed for vector selectors"),
                c("rate(food[1m])[1h] @ 100", "1:15: parse error: ranges only allowed for vector selectors"),
                c("info(rate(http_request_counter_total{}[5m]), target_info{foo=\"bar\"})", "1:46: parse error: expected label selectors only, got vector selector instead"),
                c("info(http_request_counter_total{namespace=\"zzz\"}, {foo=\"bar\"} == 1)", "1:51: parse error: expected label selectors only"),
                c("foo[step]", "1:9: parse error: unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()"),
                c("foo[step()/0d]", "1:11: parse error: division by zero"),
                c("foo[5s/0d]", "1:7: parse error: division by zero"),
                c("foo offset (4d/0)", "1:15: parse error: division by zero"),
                c("foo[5s%0d]", "1:7: parse error: modulo by zero"),
                c("foo offset 9.5e10", "1:12: parse error: duration out of range"),
                c("foo[9.5e10]", "1:5: parse error: duration out of range"),
                c("sum(", "1:5: parse error: unclosed left parenthesis"),
                c("sum(rate(", "1:10: parse error: unclosed left parenthesis"),
                c("foo[5s x 5s]", "1:8: parse error: unexpected character: 'x', expected ':'"),
                c("foo[5s s 5s]", "1:8: parse error: unexpected character: 's', expected ':'"),
                c("1[5m] smoothed", "1:2: parse error: ranges only allowed for vector selectors"),
                c("1[5m] anchored", "1:2: parse error: ranges only allowed for vector selectors"),
                c("1 +", "1:4: parse error: unexpected end of input"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prometheusCases")
    void rejectsWithPrometheusMessage(Case c) {
        assertThatThrownBy(() -> PromqlParser.parse(c.query(), OPTIONS))
                .isInstanceOf(ParseException.class)
                .hasMessage(c.message());
    }
}
