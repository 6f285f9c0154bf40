package io.ignis.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WalWatcherTest {
    private static final int PAGE = 32 * 1024;

    /** A record read at {@code recordStart} after everything up to {@code read}, the segment {@code size} long. */
    record Case(String name, WalPosition read, int segment, long recordStart, int lastSegment, long size,
                boolean want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("contiguous record", new WalPosition(3, 100), 3, 100, 3, 200, false),
                new Case("next page after a short page read as padding", new WalPosition(3, 100), 3, PAGE, 3,
                        PAGE - 500, true),
                new Case("next page after padding of a page complete at poll start", new WalPosition(3, 100), 3,
                        PAGE, 3, 2L * PAGE, false),
                new Case("writer padded fewer bytes than a fragment header", new WalPosition(3, PAGE - 6), 3,
                        PAGE, 3, PAGE + 10, false),
                new Case("seven bytes left are not writer padding", new WalPosition(3, PAGE - 7), 3, PAGE, 3,
                        PAGE - 7, true),
                new Case("previous record ended on a page boundary", new WalPosition(3, PAGE), 3, PAGE, 3,
                        PAGE + 10, false),
                new Case("older segment is complete", new WalPosition(2, 100), 2, PAGE, 3, 10, false),
                new Case("first record of the next segment", new WalPosition(2, 100), 3, 0, 3, 10, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mayHaveSkipped(Case c) {
        assertThat(WalWatcher.mayHaveSkipped(c.read(), c.segment(), c.recordStart(), c.lastSegment(), c.size()))
                .isEqualTo(c.want());
    }
}
