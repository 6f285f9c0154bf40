package io.ignis.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.storage.CorruptionException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockMetaFileTest {
    private static final Ulid A = Ulid.parse("01HF0000000000000000000001");
    private static final Ulid B = Ulid.parse("01HF0000000000000000000002");

    @Test
    void levelOneMetaAsGoWritesIt() {
        BlockMeta m = new BlockMeta(A, 1000, 7201000, new BlockMeta.Stats(240, 240, 0, 2, 2, 0),
                BlockMeta.Compaction.level1(A), 1);
        assertThat(BlockMetaFile.encode(m)).isEqualTo("""
                {
                \t"ulid": "01HF0000000000000000000001",
                \t"minTime": 1000,
                \t"maxTime": 7201000,
                \t"stats": {
                \t\t"numSamples": 240,
                \t\t"numFloatSamples": 240,
                \t\t"numSeries": 2,
                \t\t"numChunks": 2
                \t},
                \t"compaction": {
                \t\t"level": 1,
                \t\t"sources": [
                \t\t\t"01HF0000000000000000000001"
                \t\t]
                \t},
                \t"version": 1
                }""");
    }

    @Test
    void compactedMetaWithParentsAndEmptyStats() {
        BlockMeta m = new BlockMeta(B, -5, 10, BlockMeta.Stats.EMPTY, new BlockMeta.Compaction(2, List.of(A, B),
                true, List.of(new BlockMeta.BlockDesc(A, -5, 3)), false, List.of("from-out-of-order")), 1);
        String json = BlockMetaFile.encode(m);
        assertThat(json).isEqualTo("""
                {
                \t"ulid": "01HF0000000000000000000002",
                \t"minTime": -5,
                \t"maxTime": 10,
                \t"stats": {},
                \t"compaction": {
                \t\t"level": 2,
                \t\t"sources": [
                \t\t\t"01HF0000000000000000000001",
                \t\t\t"01HF0000000000000000000002"
                \t\t],
                \t\t"deletable": true,
                \t\t"parents": [
                \t\t\t{
                \t\t\t\t"ulid": "01HF0000000000000000000001",
                \t\t\t\t"minTime": -5,
                \t\t\t\t"maxTime": 3
                \t\t\t}
                \t\t],
                \t\t"hints": [
                \t\t\t"from-out-of-order"
                \t\t]
                \t},
                \t"version": 1
                }""");
        assertThat(BlockMetaFile.decode("m", json.getBytes(StandardCharsets.UTF_8))).isEqualTo(m);
    }

    @Test
    void badMetaIsReported() {
        assertThatThrownBy(() -> BlockMetaFile.decode("x/meta.json",
                "{\"ulid\":\"01HF0000000000000000000001\",\"minTime\":1,\"maxTime\":2,\"version\":2}"
                        .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CorruptionException.class)
                .hasMessage("corrupt x/meta.json: unexpected meta file version: expected 1, actual 2");
        assertThatThrownBy(() -> BlockMetaFile.decode("x/meta.json", "{\"ulid\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> BlockMetaFile.decode("x/meta.json",
                "{\"ulid\":\"nope\",\"minTime\":1,\"maxTime\":2,\"version\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("invalid ULID \"nope\"");
    }
}
