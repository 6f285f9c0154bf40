package io.ignis.scrape.textparse;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.TextFormat;
import io.ignis.scrape.textparse.proto.MetricFamily;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Builds delimited protobuf exposition bodies from generated messages or their text format. */
final class ProtoInputs {
    private ProtoInputs() {
    }

    /** Families in protobuf text format, separated by lines of {@code ---}. */
    static byte[] fromTextFormat(String text) {
        List<MetricFamily> families = new java.util.ArrayList<>();
        for (String part : text.split("(?m)^---$")) {
            MetricFamily.Builder mf = MetricFamily.newBuilder();
            try {
                TextFormat.merge(part, mf);
            } catch (TextFormat.ParseException e) {
                throw new IllegalArgumentException(e);
            }
            families.add(mf.build());
        }
        return delimited(families);
    }

    static byte[] delimited(List<MetricFamily> families) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (MetricFamily mf : families) {
                mf.writeDelimitedTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A raw length prefix, for frames the generated code would never write. */
    static byte[] varint(long v) {
        byte[] b = new byte[CodedOutputStream.computeUInt64SizeNoTag(v)];
        try {
            CodedOutputStream o = CodedOutputStream.newInstance(b);
            o.writeUInt64NoTag(v);
            o.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b;
    }
}
