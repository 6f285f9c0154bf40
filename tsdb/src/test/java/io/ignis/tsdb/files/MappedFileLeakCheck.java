package io.ignis.tsdb.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fails a test that leaves memory mappings open: every {@link MappedFile} it opened must be closed. */
public final class MappedFileLeakCheck implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MappedFileLeakCheck.class);

    @Override
    public void beforeEach(ExtensionContext ctx) {
        ctx.getStore(NS).put("mappings", MappedFile.openMappings());
        ctx.getStore(NS).put("bytes", MappedFile.mappedBytes());
    }

    @Override
    public void afterEach(ExtensionContext ctx) {
        long mappings = ctx.getStore(NS).get("mappings", Long.class);
        long bytes = ctx.getStore(NS).get("bytes", Long.class);
        assertThat(MappedFile.openMappings()).as("open mappings after " + ctx.getDisplayName()).isEqualTo(mappings);
        assertThat(MappedFile.mappedBytes()).as("mapped bytes after " + ctx.getDisplayName()).isEqualTo(bytes);
    }
}
