package io.ignis.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PostingsTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    record Case(String name, List<long[]> inputs, long[] intersect, long[] merge, long[] without) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static long[] a(long... v) {
        return v;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("two overlapping", List.of(a(1, 2, 3, 5), a(2, 3, 4)), a(2, 3), a(1, 2, 3, 4, 5), a(1, 5)),
                new Case("disjoint", List.of(a(1, 3), a(2, 4)), a(), a(1, 2, 3, 4), a(1, 3)),
                new Case("one empty", List.of(a(1, 3), a()), a(), a(1, 3), a(1, 3)),
                new Case("identical", List.of(a(7, 8), a(7, 8)), a(7, 8), a(7, 8), a()),
                new Case("three", List.of(a(1, 2, 3, 4), a(2, 4, 6), a(0, 4)), a(4), a(0, 1, 2, 3, 4, 6), a(1, 3)),
                new Case("large refs", List.of(a(1L << 40, 1L << 41), a(1L << 41)), a(1L << 41),
                        a(1L << 40, 1L << 41), a(1L << 40)));
    }

    private static List<Postings> lists(List<long[]> in) {
        List<Postings> out = new ArrayList<>();
        for (long[] l : in) {
            out.add(new ListPostings(l));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void combinators(Case c) {
        assertThat(Postings.toArray(Postings.intersect(lists(c.inputs())))).containsExactly(c.intersect());
        assertThat(Postings.toArray(Postings.merge(lists(c.inputs())))).containsExactly(c.merge());
        List<Postings> rest = lists(c.inputs().subList(1, c.inputs().size()));
        assertThat(Postings.toArray(Postings.without(new ListPostings(c.inputs().get(0)), Postings.merge(rest))))
                .containsExactly(c.without());
    }

    @Test
    void emptyCombinations() {
        assertThat(Postings.toArray(Postings.intersect(List.of()))).isEmpty();
        assertThat(Postings.toArray(Postings.merge(List.of()))).isEmpty();
        assertThat(Postings.toArray(Postings.intersect(new ListPostings(a(1)), Postings.empty()))).isEmpty();
        assertThat(Postings.toArray(Postings.without(new ListPostings(a(1, 2)), Postings.empty()))).containsExactly(1,
                2);
    }

    /** Random sorted lists against TreeSet models, mixing next() and seek() with a seeded random walk. */
    @Test
    void randomAgainstSortedModel() {
        Random r = new Random(SEED);
        for (int round = 0; round < 500; round++) {
            int k = 1 + r.nextInt(4);
            List<TreeSet<Long>> sets = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                TreeSet<Long> s = new TreeSet<>();
                int n = r.nextInt(40);
                int span = 1 + r.nextInt(100);
                for (int j = 0; j < n; j++) {
                    s.add((long) r.nextInt(span));
                }
                sets.add(s);
            }
            TreeSet<Long> inter = new TreeSet<>(sets.get(0));
            TreeSet<Long> union = new TreeSet<>();
            for (TreeSet<Long> s : sets) {
                inter.retainAll(s);
                union.addAll(s);
            }
            TreeSet<Long> without = new TreeSet<>(sets.get(0));
            for (TreeSet<Long> s : sets.subList(1, k)) {
                without.removeAll(s);
            }
            String what = "seed " + SEED + " round " + round + " sets " + sets;
            walk(Postings.intersect(fromSets(sets)), inter, r, what + " intersect");
            walk(Postings.merge(fromSets(sets)), union, r, what + " merge");
            walk(Postings.without(fromSets(sets.subList(0, 1)).get(0), Postings.merge(fromSets(sets.subList(1, k)))),
                    without, r, what + " without");
            walk(fromSets(sets.subList(0, 1)).get(0), sets.get(0), r, what + " list");
        }
    }

    private static List<Postings> fromSets(List<TreeSet<Long>> sets) {
        List<Postings> out = new ArrayList<>();
        for (TreeSet<Long> s : sets) {
            long[] arr = new long[s.size()];
            int i = 0;
            for (long v : s) {
                arr[i++] = v;
            }
            out.add(new ListPostings(arr));
        }
        return out;
    }

    private static void walk(Postings p, TreeSet<Long> model, Random r, String what) {
        Long cur = null;
        while (true) {
            boolean ok;
            Long want;
            if (r.nextBoolean()) {
                ok = p.next();
                want = cur == null ? (model.isEmpty() ? null : model.first()) : model.higher(cur);
            } else {
                long target = (cur == null ? 0 : cur) + r.nextInt(12) - 3;
                ok = p.seek(target);
                want = model.ceiling(target);
                if (cur != null && cur >= target) {
                    want = cur;
                }
            }
            assertThat(ok).as(what + " after " + cur).isEqualTo(want != null);
            if (!ok) {
                return;
            }
            assertThat(p.at()).as(what + " after " + cur).isEqualTo(want);
            cur = want;
        }
    }
}
