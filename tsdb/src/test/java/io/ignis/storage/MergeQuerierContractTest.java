package io.ignis.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The querier contract for {@link MergeQuerier} over three fake queriers that split the fixture: each
 * sample lands in one or more of them (so timestamps repeat across parts), and some series are absent
 * from some parts.
 */
class MergeQuerierContractTest extends QuerierContractTest {
    @Override
    protected Querier open(List<ListQuerier.Data> series, long mint, long maxt) {
        Random rnd = new Random(SEED + 7);
        List<List<ListQuerier.Data>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (ListQuerier.Data d : series) {
            int n = d.ts().length;
            long[][] ts = new long[3][n];
            double[][] vs = new double[3][n];
            int[] len = new int[3];
            for (int i = 0; i < n; i++) {
                int mask = 1 + rnd.nextInt(7);
                for (int p = 0; p < 3; p++) {
                    if ((mask & (1 << p)) != 0) {
                        ts[p][len[p]] = d.ts()[i];
                        vs[p][len[p]++] = d.vs()[i];
                    }
                }
            }
            for (int p = 0; p < 3; p++) {
                if (len[p] > 0) {
                    parts.get(p).add(new ListQuerier.Data(d.labels(), Arrays.copyOf(ts[p], len[p]),
                            Arrays.copyOf(vs[p], len[p])));
                }
            }
        }
        List<Querier> qs = new ArrayList<>();
        for (List<ListQuerier.Data> p : parts) {
            qs.add(new ListQuerier(p, mint, maxt));
        }
        return new MergeQuerier(qs);
    }
}
