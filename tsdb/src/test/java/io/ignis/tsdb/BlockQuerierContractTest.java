package io.ignis.tsdb;

import io.ignis.labels.Matcher;
import io.ignis.storage.ListQuerier;
import io.ignis.storage.Querier;
import io.ignis.storage.QuerierContractTest;
import io.ignis.storage.SelectHints;
import io.ignis.storage.SeriesSet;
import io.ignis.storage.StorageException;
import io.ignis.tsdb.files.DurableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The querier contract for a block written by {@link BlockWriter} and read back through its mapped files. */
class BlockQuerierContractTest extends QuerierContractTest {
    @Override
    protected Querier open(List<ListQuerier.Data> series, long mint, long maxt) {
        Path dir;
        try {
            dir = Files.createTempDirectory("block-contract");
        } catch (IOException e) {
            throw new StorageException(e.getMessage(), e);
        }
        BlockWriter w = new BlockWriter(dir, new UlidGenerator());
        for (ListQuerier.Data d : series) {
            w.addSamples(d.labels(), d.ts(), d.vs(), d.ts().length);
        }
        BlockMeta meta = w.write();
        Block block = Block.open(dir.resolve(meta.ulid().toString()));
        Querier q = block.querier(mint, maxt);
        return new Querier() {
            @Override
            public SeriesSet select(boolean sorted, SelectHints hints, Matcher... matchers) {
                return q.select(sorted, hints, matchers);
            }

            @Override
            public List<String> labelValues(String name, Matcher... matchers) {
                return q.labelValues(name, matchers);
            }

            @Override
            public List<String> labelNames(Matcher... matchers) {
                return q.labelNames(matchers);
            }

            @Override
            public void close() {
                q.close();
                block.close();
                try {
                    DurableFiles.deleteRecursively(dir);
                } catch (IOException e) {
                    throw new StorageException(e.getMessage(), e);
                }
            }
        };
    }
}
