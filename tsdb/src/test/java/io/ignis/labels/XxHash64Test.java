package io.ignis.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class XxHash64Test {
    record Case(String input, long want) {
        @Override
        public String toString() {
            return input.length() > 20 ? input.substring(0, 20) + "…(" + input.length() + ")" : '"' + input + '"';
        }
    }

    /** Reference values of XXH64 with seed 0 (xxhsum), covering the <4, <8, <32 and >=32 byte paths. */
    static Stream<Case> cases() {
        return Stream.of(
                new Case("", 0xEF46DB3751D8E999L),
                new Case("a", 0xD24EC4F1A98C6E5BL),
                new Case("abc", 0x44BC2CF5AD770999L),
                new Case("message digest", 0x066ED728FCEEB3BEL),
                new Case("abcdefghijklmnopqrstuvwxyz", 0xCFE1F278FA89835CL),
                new Case("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 0xAAA46907D3047814L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesReference(Case c) {
        assertThat(XxHash64.hash(c.input.getBytes(StandardCharsets.UTF_8))).isEqualTo(c.want);
    }

    @org.junit.jupiter.api.Test
    void labelSetsHashTheirNameValueSeparatedBytes() {
        Labels l = Labels.of("__name__", "up", "job", "x");
        byte[] bytes = "__name__\u00ffup\u00ffjob\u00ffx\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(XxHash64.hash(l)).isEqualTo(XxHash64.hash(bytes));
    }
}
