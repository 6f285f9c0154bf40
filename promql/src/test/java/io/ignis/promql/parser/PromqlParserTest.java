package io.ignis.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.MatchType;
import io.ignis.labels.Matcher;
import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.AggregateOp;
import io.ignis.promql.ast.AtModifier;
import io.ignis.promql.ast.BinaryExpr;
import io.ignis.promql.ast.BinaryOp;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.DurationExpr;
import io.ignis.promql.ast.DurationOp;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.FillValues;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.NumberLiteral;
import io.ignis.promql.ast.PositionRange;
import io.ignis.promql.ast.StringLiteral;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.UnaryExpr;
import io.ignis.promql.ast.UnaryOp;
import io.ignis.promql.ast.ValueType;
import io.ignis.promql.ast.VectorMatchCardinality;
import io.ignis.promql.ast.VectorSelector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trees the parser builds: precedence, modifiers, matching, literals and positions. */
class PromqlParserTest {
    private static Expr parse(String query) {
        return PromqlParser.parse(query, ParserOptions.all());
    }

    @Test
    void unaryMinusBindsLooserThanPowerAndTighterThanMultiplication() {
        BinaryExpr mul = (BinaryExpr) parse("-a ^ b * c");
        assertThat(mul.op()).isEqualTo(BinaryOp.MUL);
        UnaryExpr neg = (UnaryExpr) mul.lhs();
        assertThat(neg.op()).isEqualTo(UnaryOp.SUB);
        assertThat(((BinaryExpr) neg.expr()).op()).isEqualTo(BinaryOp.POW);
    }

    @Test
    void powerIsRightAssociativeAndOthersLeft() {
        BinaryExpr pow = (BinaryExpr) parse("a ^ b ^ c");
        assertThat(pow.lhs()).isInstanceOf(VectorSelector.class);
        assertThat(((BinaryExpr) pow.rhs()).op()).isEqualTo(BinaryOp.POW);
        BinaryExpr sub = (BinaryExpr) parse("a - b - c");
        assertThat(((BinaryExpr) sub.lhs()).op()).isEqualTo(BinaryOp.SUB);
    }

    @Test
    void precedenceLevelsFollowPrometheus() {
        assertThat(parse("a or b and c unless d > e + f * g atan2 h").toString())
                .isEqualTo("a or b and c unless d > e + f * g atan2 h");
        BinaryExpr or = (BinaryExpr) parse("a or b and c unless d > e + f * g atan2 h");
        assertThat(or.op()).isEqualTo(BinaryOp.LOR);
        BinaryExpr unless = (BinaryExpr) or.rhs();
        assertThat(unless.op()).isEqualTo(BinaryOp.LUNLESS);
        assertThat(((BinaryExpr) unless.lhs()).op()).isEqualTo(BinaryOp.LAND);
        BinaryExpr gt = (BinaryExpr) unless.rhs();
        assertThat(gt.op()).isEqualTo(BinaryOp.GTR);
        BinaryExpr add = (BinaryExpr) gt.rhs();
        assertThat(((BinaryExpr) add.rhs()).op()).isEqualTo(BinaryOp.ATAN2);
        assertThat(((BinaryExpr) parse("a </ 0.5 + b")).op()).isEqualTo(BinaryOp.TRIM_UPPER);
    }

    @Test
    void signsFoldIntoNumberLiterals() {
        assertThat(parse("-5")).isEqualTo(new NumberLiteral(-5, false, new PositionRange(0, 2)));
        assertThat(parse("- 5m")).isEqualTo(new NumberLiteral(-300, true, new PositionRange(0, 4)));
        assertThat(parse("-(5)")).isInstanceOf(UnaryExpr.class);
    }

    @Test
    void setOperatorsMatchManyToManyAndScalarsDropMatching() {
        BinaryExpr and = (BinaryExpr) parse("a and on (x) b");
        assertThat(and.matching().card()).isEqualTo(VectorMatchCardinality.MANY_TO_MANY);
        assertThat(and.matching().on()).isTrue();
        assertThat(and.matching().matchingLabels()).containsExactly("x");
        assertThat(((BinaryExpr) parse("a + 1")).matching()).isNull();
        BinaryExpr group = (BinaryExpr) parse("a * ignoring (x) group_right (y, z) fill_right (-1) b");
        assertThat(group.matching().card()).isEqualTo(VectorMatchCardinality.ONE_TO_MANY);
        assertThat(group.matching().include()).containsExactly("y", "z");
        assertThat(group.matching().fill()).isEqualTo(new FillValues(null, -1.0));
        assertThat(((BinaryExpr) parse("a > bool b")).returnBool()).isTrue();
    }

    @Test
    void selectorsCarryTheirModifiers() {
        VectorSelector vs = (VectorSelector) parse("foo{a=~\"x.*\"} @ end() offset -5m");
        assertThat(vs.name()).isEqualTo("foo");
        assertThat(vs.matchers()).containsExactly(Matcher.of(MatchType.REGEX, "a", "x.*"),
                Matcher.equal("__name__", "foo"));
        assertThat(vs.at()).isEqualTo(AtModifier.END);
        assertThat(vs.originalOffset()).isEqualTo(Duration.ofMinutes(-5));
        assertThat(vs.positionRange()).isEqualTo(new PositionRange(0, 32));

        MatrixSelector ms = (MatrixSelector) parse("foo[1m30s] anchored @ 1.5");
        assertThat(ms.range()).isEqualTo(Duration.ofSeconds(90));
        assertThat(ms.vectorSelector().anchored()).isTrue();
        assertThat(ms.vectorSelector().at()).isEqualTo(AtModifier.timestamp(1500));
        assertThat(ms.type()).isEqualTo(ValueType.MATRIX);
    }

    @Test
    void durationExpressionsStayExpressions() {
        MatrixSelector ms = (MatrixSelector) parse("foo[2 * step()]");
        assertThat(ms.range()).isEqualTo(Duration.ZERO);
        assertThat(ms.rangeExpr().op()).isEqualTo(DurationOp.MUL);
        assertThat(ms.rangeExpr().rhs()).isInstanceOf(DurationExpr.class);

        SubqueryExpr sq = (SubqueryExpr) parse("rate(foo[5m])[1h:max_of(step(), 1m)] offset (1h / 2)");
        assertThat(sq.range()).isEqualTo(Duration.ofHours(1));
        assertThat(sq.step()).isEqualTo(Duration.ZERO);
        assertThat(sq.stepExpr().op()).isEqualTo(DurationOp.MAX_OF);
        assertThat(sq.originalOffsetExpr().wrapped()).isTrue();
        assertThat(((SubqueryExpr) parse("foo[5m:]")).step()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aggregationsAndCalls() {
        AggregateExpr topk = (AggregateExpr) parse("TOPK WITHOUT (a) (3, foo)");
        assertThat(topk.op()).isEqualTo(AggregateOp.TOPK);
        assertThat(topk.without()).isTrue();
        assertThat(topk.grouping()).containsExactly("a");
        assertThat(topk.param()).isEqualTo(new NumberLiteral(3, false, new PositionRange(18, 19)));
        assertThat(topk.positionRange()).isEqualTo(new PositionRange(0, 25));

        Call info = (Call) parse("info(foo, {k=~\".*\"})");
        assertThat(((VectorSelector) info.args().get(1)).bypassEmptyMatcherCheck()).isTrue();
        assertThat(((StringLiteral) ((Call) parse("label_join(a, 'd', `,`, \"s\")")).args().get(2)).value())
                .isEqualTo(",");
    }

    @Test
    void keepsBytesThatAreNotUtf8AsLoneSurrogates() {
        Call call = (Call) parse("label_replace(up, \"a\\xc5z\", \"\", \"\", \"\")");
        assertThat(((StringLiteral) call.args().get(1)).value()).isEqualTo("a\uDCC5z");
        assertThat(((StringLiteral) parse("\"\\xe2\\x98\\xba\\377\"")).value()).isEqualTo("\u263a\uDCFF");
    }

    @Test
    void utf8MetricAndLabelNames() {
        VectorSelector vs = (VectorSelector) parse("{\"my.metric\", \"a.b\"=\"v\"}");
        assertThat(vs.name()).isEmpty();
        assertThat(vs.matchers()).containsExactly(Matcher.equal("__name__", "my.metric"), Matcher.equal("a.b", "v"));
    }

    @Test
    void parsesMetricSelectors() {
        assertThat(PromqlParser.parseMetricSelector("up{job=\"x\"}")).containsExactly(Matcher.equal("job", "x"),
                Matcher.equal("__name__", "up"));
        assertThat(PromqlParser.parseMetricSelector("{a=~\".*\"}")).containsExactly(Matcher.regex("a", ".*"));
        assertThatThrownBy(() -> PromqlParser.parseMetricSelector("up + 1"))
                .isInstanceOf(ParseException.class).hasMessage("1:4: parse error: unexpected <op:+>");
        assertThatThrownBy(() -> PromqlParser.parseMetricSelector("{a=~\"(\"}"))
                .isInstanceOf(ParseException.class).hasMessageStartingWith("1:2: parse error: error parsing regexp: ");
    }

    @Test
    void parsesDurationsLikeModelParseDuration() {
        assertThat(PromqlParser.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(PromqlParser.parseDuration("0")).isEqualTo(Duration.ZERO);
        assertThat(PromqlParser.parseDuration("1y")).isEqualTo(Duration.ofDays(365));
        assertThat(PromqlParser.parseDuration("100ms")).isEqualTo(Duration.ofMillis(100));
        assertThatThrownBy(() -> PromqlParser.parseDuration("5"))
                .hasMessage("not a valid duration string: \"5\"");
        assertThatThrownBy(() -> PromqlParser.parseDuration("1m1h"))
                .hasMessage("not a valid duration string: \"1m1h\"");
        assertThatThrownBy(() -> PromqlParser.parseDuration("3x")).hasMessage("unknown unit \"x\" in duration \"3x\"");
        assertThatThrownBy(() -> PromqlParser.parseDuration("")).hasMessage("empty duration string");
        assertThatThrownBy(() -> PromqlParser.parseDuration("300y")).hasMessage("duration out of range");
    }

    @Test
    void exceptionsCarryPositions() {
        ParseException e = (ParseException) catchThrowable("foo +\n  bar *");
        assertThat(e.positionRange().start()).isEqualTo(13);
        assertThat(e.position()).isEqualTo("2:8");
        assertThat(e.detail()).isEqualTo("unexpected end of input");
        assertThat(e.getMessage()).isEqualTo("2:8: parse error: unexpected end of input");
        assertThat(e.query()).isEqualTo("foo +\n  bar *");
    }

    @Test
    void featureSwitchesFollowPrometheusFlags() {
        ParserOptions opts = ParserOptions.fromFeatures(List.of("promql-experimental-functions",
                "promql-binop-fill-modifiers"));
        assertThat(opts).isEqualTo(new ParserOptions(true, true, false, true));
        assertThat(PromqlParser.parse("limitk(1, a) + fill(0) b", opts)).isInstanceOf(BinaryExpr.class);
        assertThatThrownBy(() -> PromqlParser.parse("a smoothed", opts))
                .hasMessage("1:1: parse error: smoothed modifier is experimental and not enabled");
    }

    @Test
    void durationExpressionsCanBeSwitchedOff() {
        ParserOptions off = new ParserOptions(false, false, false, false);
        assertThatThrownBy(() -> PromqlParser.parse("foo[5m + 1m]", off))
                .hasMessage("1:5: parse error: experimental duration expression is not enabled");
        assertThatThrownBy(() -> PromqlParser.parse("foo offset step()", off))
                .hasMessage("1:12: parse error: experimental duration expression is not enabled");
        assertThat(PromqlParser.parse("foo[5m] offset -1h", off).toString()).isEqualTo("foo[5m] offset -1h");
    }

    @Test
    void rejectsExpressionsTooDeepToRecurseInto() {
        String chain = String.join(" + ", java.util.Collections.nCopies(50_000, "a"));
        assertThatThrownBy(() -> parse(chain)).isInstanceOf(ParseException.class)
                .hasMessage("1:1: parse error: expression nested too deeply");
        String nested = "(".repeat(200) + "1" + ")".repeat(200);
        assertThat(parse(nested).type()).isEqualTo(ValueType.SCALAR);
    }

    private static Throwable catchThrowable(String query) {
        try {
            parse(query);
            throw new AssertionError("parsed: " + query);
        } catch (ParseException e) {
            return e;
        }
    }
}
