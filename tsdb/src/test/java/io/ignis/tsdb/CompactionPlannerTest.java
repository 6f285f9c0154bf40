package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CompactionPlannerTest {
    private static final long[] RANGES = {20, 60, 180, 540, 1620};

    /** A block [min, max) with series/tombstone counts and an optional failed mark; id is its position. */
    record B(long min, long max, long series, long tombstones, boolean failed) {
        static B of(long min, long max) {
            return new B(min, max, 0, 0, false);
        }
    }

    record Case(String name, List<B> blocks, List<Integer> want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no blocks", List.of(), List.of()),
                new Case("one block", List.of(B.of(0, 20)), List.of()),
                new Case("two blocks: never the newest", List.of(B.of(0, 20), B.of(20, 40)), List.of()),
                new Case("three of size 20: wait for the fourth", List.of(B.of(0, 20), B.of(20, 40), B.of(40, 60)),
                        List.of()),
                new Case("four of size 20: first three fill a 60 window",
                        List.of(B.of(0, 20), B.of(20, 40), B.of(40, 60), B.of(60, 80)), List.of(0, 1, 2)),
                new Case("partial window ending before the newest block",
                        List.of(B.of(0, 20), B.of(20, 40), B.of(60, 80), B.of(80, 100)), List.of(0, 1)),
                new Case("next level: three 60s fill 180",
                        List.of(B.of(0, 60), B.of(60, 120), B.of(120, 180), B.of(180, 200)), List.of(0, 1, 2)),
                new Case("unordered input is sorted", List.of(B.of(60, 80), B.of(20, 40), B.of(0, 20), B.of(40, 60)),
                        List.of(2, 1, 3)),
                new Case("overlapping blocks first", List.of(B.of(0, 20), B.of(10, 30), B.of(40, 60)), List.of(0, 1)),
                new Case("overlap chain", List.of(B.of(0, 20), B.of(19, 40), B.of(39, 60), B.of(80, 100)),
                        List.of(0, 1, 2)),
                new Case("a failed block is skipped", List.of(new B(0, 20, 0, 0, true), B.of(20, 40), B.of(40, 60),
                        B.of(60, 80)), List.of()),
                new Case("big block with >5% tombstones is rewritten",
                        List.of(new B(0, 540, 10, 3, false), B.of(540, 560)), List.of(0)),
                new Case("big block with few tombstones stays", List.of(new B(0, 540, 100, 3, false), B.of(540, 560)),
                        List.of()),
                new Case("small block fully deleted is rewritten",
                        List.of(new B(0, 20, 4, 4, false), B.of(20, 40)), List.of(0)),
                new Case("small block partly deleted stays", List.of(new B(0, 20, 10, 3, false), B.of(20, 40)),
                        List.of()),
                new Case("negative times align down", List.of(B.of(-60, -40), B.of(-40, -20), B.of(-20, 0),
                        B.of(0, 20)), List.of(0, 1, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plansAsPrometheus(Case c) {
        UlidGenerator g = new UlidGenerator();
        List<BlockMeta> metas = new ArrayList<>();
        for (B b : c.blocks()) {
            Ulid id = g.next();
            BlockMeta.Compaction comp = BlockMeta.Compaction.level1(id);
            if (b.failed()) {
                comp = comp.withFailed();
            }
            metas.add(new BlockMeta(id, b.min(), b.max(), new BlockMeta.Stats(0, 0, 0, b.series(), 0, b.tombstones()),
                    comp, 1));
        }
        List<BlockMeta> want = new ArrayList<>();
        for (int i : c.want()) {
            want.add(metas.get(i));
        }
        assertThat(new CompactionPlanner(RANGES).plan(metas)).isEqualTo(want);
    }
}
