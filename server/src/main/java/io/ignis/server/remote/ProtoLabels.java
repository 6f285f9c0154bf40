package io.ignis.server.remote;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.labels.MatchType;
import io.ignis.labels.Matcher;
import io.ignis.server.remote.proto.Label;
import io.ignis.server.remote.proto.LabelMatcher;
import java.util.List;

/** Conversions between our labels and matchers and their protobuf forms. */
final class ProtoLabels {
    private ProtoLabels() {
    }

    static Labels toLabels(List<Label> in, LabelsBuilder b) {
        b.reset(Labels.EMPTY);
        for (Label l : in) {
            b.set(l.getName(), l.getValue());
        }
        return b.build();
    }

    /** True when two entries share a name, which {@link LabelsBuilder} would silently merge. */
    static boolean hasDuplicateNames(List<Label> in) {
        for (int i = 0; i < in.size(); i++) {
            for (int j = i + 1; j < in.size(); j++) {
                if (in.get(i).getName().equals(in.get(j).getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    static void addTo(Labels l, java.util.function.Consumer<Label> sink) {
        for (int i = 0; i < l.size(); i++) {
            sink.accept(Label.newBuilder().setName(l.name(i)).setValue(l.value(i)).build());
        }
    }

    static Matcher toMatcher(LabelMatcher m) {
        MatchType t = switch (m.getType()) {
            case EQ -> MatchType.EQUAL;
            case NEQ -> MatchType.NOT_EQUAL;
            case RE -> MatchType.REGEX;
            case NRE -> MatchType.NOT_REGEX;
            default -> throw new IllegalArgumentException("invalid matcher type " + m.getTypeValue());
        };
        return Matcher.of(t, m.getName(), m.getValue());
    }

    static LabelMatcher fromMatcher(Matcher m) {
        LabelMatcher.Type t = switch (m.type()) {
            case EQUAL -> LabelMatcher.Type.EQ;
            case NOT_EQUAL -> LabelMatcher.Type.NEQ;
            case REGEX -> LabelMatcher.Type.RE;
            case NOT_REGEX -> LabelMatcher.Type.NRE;
        };
        return LabelMatcher.newBuilder().setType(t).setName(m.name()).setValue(m.value()).build();
    }
}
