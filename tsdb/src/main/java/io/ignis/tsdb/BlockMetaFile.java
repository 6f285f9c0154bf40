package io.ignis.tsdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ignis.storage.CorruptionException;
import io.ignis.tsdb.files.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code meta.json}. Written byte for byte as Prometheus's {@code json.MarshalIndent(meta, "",
 * "\t")}: tab indentation, Go's field order, zero-valued optional fields omitted, no trailing newline; written
 * to {@code meta.json.tmp}, fsynced and renamed.
 */
public final class BlockMetaFile {
    public static final String FILE_NAME = "meta.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BlockMetaFile() {
    }

    /** Writes {@code dir/meta.json} atomically; returns its size. */
    public static long write(Path dir, BlockMeta meta) throws IOException {
        byte[] b = encode(meta).getBytes(StandardCharsets.UTF_8);
        DurableFiles.writeAtomically(dir.resolve(FILE_NAME), b);
        return b.length;
    }

    /** The JSON text Prometheus would write for {@code meta}. */
    public static String encode(BlockMeta m) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\n");
        sb.append("\t\"ulid\": \"").append(m.ulid()).append("\",\n");
        sb.append("\t\"minTime\": ").append(m.minTime()).append(",\n");
        sb.append("\t\"maxTime\": ").append(m.maxTime()).append(",\n");
        sb.append("\t\"stats\": ");
        List<String> stats = new ArrayList<>();
        BlockMeta.Stats s = m.stats();
        field(stats, "numSamples", s.numSamples());
        field(stats, "numFloatSamples", s.numFloatSamples());
        field(stats, "numHistogramSamples", s.numHistogramSamples());
        field(stats, "numSeries", s.numSeries());
        field(stats, "numChunks", s.numChunks());
        field(stats, "numTombstones", s.numTombstones());
        object(sb, stats, "\t");
        sb.append(",\n\t\"compaction\": ");
        BlockMeta.Compaction c = m.compaction();
        List<String> comp = new ArrayList<>();
        comp.add("\"level\": " + c.level());
        if (!c.sources().isEmpty()) {
            List<String> items = new ArrayList<>();
            for (Ulid u : c.sources()) {
                items.add("\"" + u + "\"");
            }
            comp.add("\"sources\": " + array(items, "\t\t"));
        }
        if (c.deletable()) {
            comp.add("\"deletable\": true");
        }
        if (!c.parents().isEmpty()) {
            List<String> items = new ArrayList<>();
            for (BlockMeta.BlockDesc p : c.parents()) {
                StringBuilder o = new StringBuilder();
                object(o, List.of("\"ulid\": \"" + p.ulid() + "\"", "\"minTime\": " + p.minTime(),
                        "\"maxTime\": " + p.maxTime()), "\t\t\t");
                items.add(o.toString());
            }
            comp.add("\"parents\": " + array(items, "\t\t"));
        }
        if (c.failed()) {
            comp.add("\"failed\": true");
        }
        if (!c.hints().isEmpty()) {
            List<String> items = new ArrayList<>();
            for (String h : c.hints()) {
                items.add("\"" + new String(JsonStringEncoder.getInstance().quoteAsString(h)) + "\"");
            }
            comp.add("\"hints\": " + array(items, "\t\t"));
        }
        object(sb, comp, "\t");
        sb.append(",\n\t\"version\": ").append(m.version()).append("\n}");
        return sb.toString();
    }

    private static void field(List<String> out, String name, long v) {
        if (v != 0) {
            out.add("\"" + name + "\": " + v);
        }
    }

    // Go's indented object: "{}" when empty, else one member per line at indent + tab.
    private static void object(StringBuilder sb, List<String> members, String indent) {
        if (members.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append("{\n");
        for (int i = 0; i < members.size(); i++) {
            sb.append(indent).append('\t').append(members.get(i)).append(i + 1 < members.size() ? ",\n" : "\n");
        }
        sb.append(indent).append('}');
    }

    private static String array(List<String> items, String indent) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < items.size(); i++) {
            sb.append(indent).append('\t').append(items.get(i)).append(i + 1 < items.size() ? ",\n" : "\n");
        }
        return sb.append(indent).append(']').toString();
    }

    /**
     * Reads {@code dir/meta.json}.
     *
     * @throws CorruptionException if it is not valid JSON, misses a field, or has a version other than 1
     */
    public static BlockMeta read(Path dir) throws IOException {
        Path p = dir.resolve(FILE_NAME);
        return decode(p.toString(), Files.readAllBytes(p));
    }

    public static BlockMeta decode(String file, byte[] b) {
        JsonNode n;
        try {
            n = JSON.readTree(b);
        } catch (JsonProcessingException e) {
            throw new CorruptionException(file, e.getLocation() == null ? -1 : e.getLocation().getCharOffset(),
                    "invalid JSON: " + e.getOriginalMessage(), "", "", e);
        } catch (IOException e) {
            throw new CorruptionException(file, -1, "unreadable JSON: " + e.getMessage(), "", "", e);
        }
        if (n == null || !n.isObject()) {
            throw new CorruptionException(file, 0, "meta is not a JSON object", "", "");
        }
        int version = n.path("version").asInt(-1);
        if (version != BlockMeta.VERSION) {
            throw new CorruptionException(file, -1, "unexpected meta file version", "1", String.valueOf(version));
        }
        try {
            JsonNode st = n.path("stats");
            BlockMeta.Stats stats = new BlockMeta.Stats(st.path("numSamples").asLong(),
                    st.path("numFloatSamples").asLong(), st.path("numHistogramSamples").asLong(),
                    st.path("numSeries").asLong(), st.path("numChunks").asLong(), st.path("numTombstones").asLong());
            JsonNode c = n.path("compaction");
            List<Ulid> sources = new ArrayList<>();
            for (JsonNode s : c.path("sources")) {
                sources.add(Ulid.parse(s.asText()));
            }
            List<BlockMeta.BlockDesc> parents = new ArrayList<>();
            for (JsonNode p : c.path("parents")) {
                parents.add(new BlockMeta.BlockDesc(Ulid.parse(p.path("ulid").asText()), required(file, p, "minTime"),
                        required(file, p, "maxTime")));
            }
            List<String> hints = new ArrayList<>();
            for (JsonNode h : c.path("hints")) {
                hints.add(h.asText());
            }
            BlockMeta.Compaction comp = new BlockMeta.Compaction(c.path("level").asInt(), sources,
                    c.path("deletable").asBoolean(), parents, c.path("failed").asBoolean(), hints);
            return new BlockMeta(Ulid.parse(n.path("ulid").asText()), required(file, n, "minTime"),
                    required(file, n, "maxTime"), stats, comp, version);
        } catch (IllegalArgumentException e) {
            throw new CorruptionException(file, -1, e.getMessage(), "", "", e);
        }
    }

    private static long required(String file, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new CorruptionException(file, -1, "missing or invalid " + field, "an integer",
                    v == null ? "nothing" : v.toString());
        }
        return v.asLong();
    }
}
