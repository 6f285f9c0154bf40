package io.ignis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ByteSizeTest {
    record Good(String text, long bytes, String printed) {
        @Override
        public String toString() {
            return text;
        }
    }

    record Bad(String text, String message) {
        @Override
        public String toString() {
            return text.isEmpty() ? "<empty>" : text;
        }
    }

    static Stream<Good> good() {
        return Stream.of(
                new Good("0", 0, "0B"),
                new Good("0B", 0, "0B"),
                new Good("100B", 100, "100B"),
                new Good("1KB", 1024, "1KiB"),
                new Good("1KiB", 1024, "1KiB"),
                new Good("512MB", 512L << 20, "512MiB"),
                new Good("10MiB", 10L << 20, "10MiB"),
                new Good("1GB", 1L << 30, "1GiB"),
                new Good("1.5GB", 3L << 29, "1GiB512MiB"),
                new Good("1GB512MB", 3L << 29, "1GiB512MiB"),
                new Good("2TB", 2L << 40, "2TiB"),
                new Good("1PB", 1L << 50, "1PiB"),
                new Good("1EB", 1L << 60, "1EiB"),
                new Good("1025B", 1025, "1KiB1B"),
                new Good("-1GB", -(1L << 30), "-1GiB"));
    }

    static Stream<Bad> bad() {
        return Stream.of(
                new Bad("", "units: invalid "),
                new Bad("100", "units: unknown unit  in 100"),
                new Bad("1XB", "units: unknown unit XB in 1XB"),
                new Bad("1kb", "units: unknown unit kb in 1kb"),
                new Bad("MB", "units: invalid MB"),
                new Bad("1.2.3MB", "units: invalid 1.2.3MB"),
                new Bad("-", "units: invalid -"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void parsesAndPrints(Good c) {
        ByteSize size = ByteSize.parse(c.text());
        assertThat(size.bytes()).isEqualTo(c.bytes());
        assertThat(size).hasToString(c.printed());
        assertThat(ByteSize.parse(c.printed())).isEqualTo(size);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void rejects(Bad c) {
        assertThatThrownBy(() -> ByteSize.parse(c.text()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(c.message());
    }
}
