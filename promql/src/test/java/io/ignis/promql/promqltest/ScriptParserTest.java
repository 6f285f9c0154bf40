package io.ignis.promql.promqltest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.labels.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptParserTest {
    @Test
    void parsesLoadWithRunsOmissionsAndStale() {
        List<Command> cmds = ScriptParser.parse("t.test", """
                # comment
                load 5m
                  http_requests{job="api", instance="0"} 0+10x3 _ stale 1e3 -2-0.5x2

                eval instant at 10m http_requests
                  expect no_warn
                  http_requests{job="api", instance="0"} 20
                """);
        assertThat(cmds).hasSize(2);
        Command.Load load = (Command.Load) cmds.get(0);
        assertThat(load.intervalMs()).isEqualTo(300_000);
        SeriesValues v = load.series().get(0).values();
        assertThat(v.size()).isEqualTo(10);
        assertThat(v.floatValue(3)).isEqualTo(30);
        assertThat(v.kind(4)).isEqualTo(SeriesValues.Kind.OMITTED);
        assertThat(SeriesValues.isStale(v.floatValue(5))).isTrue();
        assertThat(v.floatValue(6)).isEqualTo(1000);
        assertThat(v.floatValue(9)).isEqualTo(-3);
        EvalCommand eval = (EvalCommand) cmds.get(1);
        assertThat(eval.start).isEqualTo(600_000);
        assertThat(eval.noWarn).isTrue();
        assertThat(eval.expected).containsKey(Labels.of("__name__", "http_requests", "job", "api", "instance", "0"));
    }

    @Test
    void parsesRangeEvalScalarAndFailExpectations() {
        List<Command> cmds = ScriptParser.parse("t.test", """
                eval range from 0 to 10m step 5m foo
                  expect fail msg: boom

                eval instant at 1m 1 + 1
                  2
                """);
        EvalCommand r = (EvalCommand) cmds.get(0);
        assertThat(r.range).isTrue();
        assertThat(r.step).isEqualTo(300_000);
        assertThat(r.fail).isTrue();
        assertThat(r.failMessage).isEqualTo("boom");
        EvalCommand s = (EvalCommand) cmds.get(1);
        assertThat(s.hasScalar).isTrue();
        assertThat(s.scalar).isEqualTo(2);
    }

    @Test
    void parsesHistogramLiteralsAndRuns() {
        SeriesValues v = SeriesLineParser.parseValues(
                "{{schema:0 sum:5 count:4 buckets:[1 2 1]}}+{{sum:1 count:1 buckets:[1]}}x2");
        assertThat(v.size()).isEqualTo(3);
        assertThat(v.histogram(2).count()).isEqualTo(6);
        assertThat(v.histogram(2).positiveBuckets()[0]).isEqualTo(3);
    }

    @Test
    void rejectsBadCommandsWithFileAndLine() {
        assertThatThrownBy(() -> ScriptParser.parse("bad.test", "\nfoo bar\n"))
                .hasMessageContaining("bad.test:2").hasMessageContaining("invalid command");
        assertThatThrownBy(() -> ScriptParser.parse("bad.test", "load 5m\n  x 1 2 zz\n"))
                .hasMessageContaining("bad.test:2");
    }

    @Test
    void almostEqualFollowsPrometheus() {
        assertThat(Almost.equal(1.0, 1.0 + 1e-9)).isTrue();
        assertThat(Almost.equal(1.0, 1.001)).isFalse();
        assertThat(Almost.equal(Double.NaN, Double.NaN)).isTrue();
        assertThat(Almost.equal(SeriesValues.STALE_NAN, Double.NaN)).isFalse();
        assertThat(Almost.equal(0, 1e-300)).isFalse();
    }
}
