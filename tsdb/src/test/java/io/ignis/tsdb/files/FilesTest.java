package io.ignis.tsdb.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ignis.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MappedFileLeakCheck.class)
class FilesTest {
    @TempDir
    Path dir;

    @Test
    void mappedFileIsReadableAndUnmappedOnClose() throws IOException {
        Path p = dir.resolve("f");
        Files.write(p, new byte[] {1, 2, 3, 4});
        long before = MappedFile.mappedBytes();
        MappedFile f = MappedFile.open(p);
        assertThat(f.size()).isEqualTo(4);
        assertThat(f.buffer().getInt(0)).isEqualTo(0x01020304);
        assertThat(MappedFile.mappedBytes() - before).isEqualTo(4);
        f.close();
        f.close();
        assertThat(MappedFile.mappedBytes()).isEqualTo(before);
        assertThatThrownBy(f::buffer).isInstanceOf(IllegalStateException.class);
        // On Linux an unmapped, deleted file frees its space at once; at least deletion must work.
        Files.delete(p);
    }

    @Test
    void largeFilesAreMappedAsOverlappingWindows() throws IOException {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        Path p = dir.resolve("big");
        Files.write(p, data);
        long before = MappedFile.mappedBytes();
        try (MappedFile f = MappedFile.open(p, 100, 300)) {
            assertThat(f.windowCount()).isEqualTo(8);
            assertThat(f.maxSpan()).isEqualTo(200);
            assertThatThrownBy(f::buffer).isInstanceOf(IllegalStateException.class);
            for (long off = 0; off < data.length; off++) {
                int w = f.windowFor(off);
                int local = (int) (off - f.windowStart(w));
                int span = (int) Math.min(f.maxSpan(), data.length - off);
                assertThat(local + span).as("offset %d fits window %d", off, w)
                        .isLessThanOrEqualTo(f.window(w).limit());
                assertThat(f.window(w).get(local)).isEqualTo(data[(int) off]);
            }
            assertThat(MappedFile.mappedBytes() - before).isEqualTo(7 * 300 + 300);
        }
        assertThat(MappedFile.mappedBytes()).isEqualTo(before);
    }

    @Test
    void missingFileFailsClearly() {
        assertThatThrownBy(() -> MappedFile.open(dir.resolve("nope"))).isInstanceOf(StorageException.class)
                .hasMessageStartingWith("map " + dir.resolve("nope"));
    }

    @Test
    void dirLockIsExclusive() {
        try (DirLock l = DirLock.acquire(dir)) {
            assertThatThrownBy(() -> DirLock.acquire(dir)).isInstanceOf(StorageException.class)
                    .hasMessageContaining("already held");
        }
        DirLock.acquire(dir).close();
    }

    @Test
    void replaceSwapsDirectoriesAndWriteAtomicallyLeavesNoTmp() throws IOException {
        Path a = Files.createDirectories(dir.resolve("a.tmp-for-creation"));
        Files.writeString(a.resolve("x"), "new");
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(b.resolve("old"), "old");
        DurableFiles.replace(a, b);
        assertThat(Files.readString(b.resolve("x"))).isEqualTo("new");
        assertThat(b.resolve("old")).doesNotExist();
        assertThat(a).doesNotExist();

        DurableFiles.writeAtomically(dir.resolve("m.json"), new byte[] {'{', '}'});
        assertThat(Files.readString(dir.resolve("m.json"))).isEqualTo("{}");
        assertThat(dir.resolve("m.json.tmp")).doesNotExist();
        DurableFiles.deleteRecursively(dir.resolve("b"));
        assertThat(dir.resolve("b")).doesNotExist();
    }
}
