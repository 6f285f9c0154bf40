package io.ignis.tsdb.wal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Naming and listing of the numbered segment files of a WAL or checkpoint directory. */
public final class Segments {
    private Segments() {
    }

    /** One segment file and its number. */
    public record Ref(int index, Path path) {
    }

    /** The file name of segment {@code index}: 8 digits, as Prometheus names them. */
    public static String name(int index) {
        return String.format("%08d", index);
    }

    public static Path path(Path dir, int index) {
        return dir.resolve(name(index));
    }

    /**
     * The segment files in {@code dir} sorted by number; names that are not all digits are ignored.
     *
     * @throws IOException also when the numbers have a gap, which means a segment was lost
     */
    public static List<Ref> list(Path dir) throws IOException {
        List<Ref> refs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return refs;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (isNumber(n) && Files.isRegularFile(p)) {
                    refs.add(new Ref(Integer.parseInt(n), p));
                }
            }
        }
        refs.sort(Comparator.comparingInt(Ref::index));
        for (int i = 1; i < refs.size(); i++) {
            if (refs.get(i).index() != refs.get(i - 1).index() + 1) {
                throw new IOException("list segments in " + dir + ": segments are not sequential: "
                        + refs.get(i - 1).index() + " then " + refs.get(i).index());
            }
        }
        return refs;
    }

    /** The segments of {@code dir} numbered from {@code first} on (first may be below the lowest). */
    public static List<Ref> listFrom(Path dir, int first) throws IOException {
        List<Ref> all = list(dir);
        List<Ref> out = new ArrayList<>(all.size());
        for (Ref r : all) {
            if (r.index() >= first) {
                out.add(r);
            }
        }
        return out;
    }

    /** The highest segment number in {@code dir}, or -1 when there is none. */
    public static int last(Path dir) throws IOException {
        List<Ref> refs = list(dir);
        return refs.isEmpty() ? -1 : refs.get(refs.size() - 1).index();
    }

    static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
