package io.ignis.tsdb.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs a WAL after a {@link WalCorruptionException}, as Prometheus does: every segment after the damaged
 * one is deleted, and the damaged one is rewritten with the records that end before the damage. Records
 * may depend on earlier ones (samples on series), so nothing after the damage is kept. Run it on a closed
 * WAL, before a {@link WalWriter} is opened on the directory.
 */
public final class WalRepair {
    private static final Logger LOG = LoggerFactory.getLogger(WalRepair.class);
    private static final int UNBOUNDED_SEGMENT = Integer.MAX_VALUE / Fragment.PAGE_SIZE * Fragment.PAGE_SIZE;

    private WalRepair() {
    }

    /** What a repair kept and dropped. */
    public record Result(int segment, long offset, int recordsKept, int segmentsDeleted, long bytesDropped) {
    }

    public static Result repair(WalCorruptionException corruption) throws IOException {
        Path dir = corruption.dir();
        int seg = corruption.segment();
        LOG.warn("starting wal repair dir={} segment={} offset={} err=\"{}\"", dir, seg, corruption.offset(),
                corruption.getMessage());
        long dropped = 0;
        int deleted = 0;
        List<Segments.Ref> refs = Segments.list(dir);
        for (Segments.Ref r : refs) {
            if (r.index() > seg) {
                long size = Files.size(r.path());
                LOG.warn("deleting wal segment after corruption segment={} bytes={}", r.index(), size);
                Files.delete(r.path());
                dropped += size;
                deleted++;
            }
        }
        Path damaged = Segments.path(dir, seg);
        Path tmp = dir.resolve(Segments.name(seg) + ".repair");
        Files.move(damaged, tmp);
        long damagedSize = Files.size(tmp);
        int kept = 0;
        try (WalWriter w = WalWriter.openAt(dir, seg, UNBOUNDED_SEGMENT, true);
             WalReader r = WalReader.open(dir, List.of(new Segments.Ref(seg, tmp)))) {
            try {
                while (r.next() && r.offset() <= corruption.offset()) {
                    w.log(r.record(), r.recordLength(), true);
                    kept++;
                }
            } catch (WalCorruptionException expected) {
                // The damage itself; everything before it has been copied.
            }
        }
        Files.delete(tmp);
        dropped += Math.max(0, damagedSize - corruption.offset());
        LOG.warn("wal repair done segment={} records_kept={} segments_deleted={} bytes_dropped={}", seg, kept,
                deleted, dropped);
        return new Result(seg, corruption.offset(), kept, deleted, dropped);
    }
}
