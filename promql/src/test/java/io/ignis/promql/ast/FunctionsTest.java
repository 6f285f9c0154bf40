package io.ignis.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionsTest {
    @Test
    void hasPrometheus314Table() {
        assertThat(Functions.all()).hasSize(90);
        assertThat(Functions.get("nope")).isNull();
        assertThat(Functions.get("Rate")).as("names are case-sensitive").isNull();
    }

    @Test
    void describesSignatures() {
        assertThat(Functions.get("rate")).isEqualTo(
                new Function("rate", List.of(ValueType.MATRIX), 0, ValueType.VECTOR, false));
        assertThat(Functions.get("histogram_quantiles")).isEqualTo(new Function("histogram_quantiles",
                List.of(ValueType.VECTOR, ValueType.STRING, ValueType.SCALAR, ValueType.SCALAR), 9,
                ValueType.VECTOR, true));
        assertThat(Functions.get("label_join").variadic()).isEqualTo(-1);
        assertThat(Functions.get("round").variadic()).isEqualTo(1);
        assertThat(Functions.get("info").argTypes()).containsExactly(ValueType.VECTOR, ValueType.VECTOR);
        assertThat(Functions.get("pi").returnType()).isEqualTo(ValueType.SCALAR);
    }

    @Test
    void flagsExperimentalFunctions() {
        List<String> experimental = Functions.all().stream().filter(Function::experimental).map(Function::name)
                .sorted().toList();
        assertThat(experimental).containsExactly("double_exponential_smoothing", "end", "histogram_quantiles",
                "info", "mad_over_time", "max_of", "min_of", "range", "sort_by_label", "sort_by_label_desc", "start",
                "start_timestamp", "step", "ts_of_first_over_time", "ts_of_last_over_time", "ts_of_max_over_time",
                "ts_of_min_over_time");
    }
}
