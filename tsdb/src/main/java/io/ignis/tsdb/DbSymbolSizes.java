package io.ignis.tsdb;

import io.ignis.tsdb.index.IndexReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bytes of the loaded blocks' symbol tables ({@code prometheus_tsdb_symbol_table_size_bytes}), counted
 * once per block: blocks never change their index.
 */
final class DbSymbolSizes {
    private final Map<Ulid, Long> byBlock = new ConcurrentHashMap<>();

    long total(List<Block> blocks) {
        long n = 0;
        for (Block b : blocks) {
            n += byBlock.computeIfAbsent(b.ulid(), id -> symbolBytes(b.index()));
        }
        byBlock.keySet().removeIf(id -> blocks.stream().noneMatch(b -> b.ulid().equals(id)));
        return n;
    }

    private static long symbolBytes(IndexReader ix) {
        long n = 0;
        for (int i = 0; i < ix.symbolCount(); i++) {
            n += ix.symbol(i).getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }
}
