package io.ignis.tsdb;

import io.ignis.storage.Appender;
import io.ignis.storage.ListQuerier;
import io.ignis.storage.Querier;
import io.ignis.storage.QuerierContractTest;
import java.util.List;

/** The querier contract for the head, filled through its appender in several commits. */
class HeadQuerierContractTest extends QuerierContractTest {
    @Override
    protected Querier open(List<ListQuerier.Data> series, long mint, long maxt) {
        Head h = Head.inMemory(HeadOptions.defaults().withStripeSize(16));
        Appender app = h.appender();
        int max = series.stream().mapToInt(d -> d.ts().length).max().orElse(0);
        for (int i = 0; i < max; i++) {
            for (ListQuerier.Data d : series) {
                if (i < d.ts().length) {
                    app.append(0, d.labels(), d.ts()[i], d.vs()[i]);
                }
            }
            if (i % 37 == 0) {
                app.commit();
            }
        }
        app.commit();
        return h.querier(mint, maxt);
    }
}
