package io.ignis.promql.promqltest;

import io.ignis.storage.Annotations;
import java.util.List;

/** The annotation rules of README §5.8, for warnings and infos separately. */
final class AnnotationChecker {
    private AnnotationChecker() {
    }

    static String check(EvalCommand cmd, Annotations annotations) {
        String err = checkKind("warning", cmd.warns, cmd.noWarn, cmd.atLeastOneWarn, annotations.warnings());
        if (err != null) {
            return err;
        }
        return checkKind("info", cmd.infos, cmd.noInfo, cmd.atLeastOneInfo, annotations.infos());
    }

    private static String checkKind(String kind, List<EvalCommand.AnnotationExpectation> expects, boolean none,
                                    boolean atLeastOne, List<String> got) {
        if (none && !got.isEmpty()) {
            return "unexpected " + kind + "s: " + got;
        }
        if (atLeastOne && got.isEmpty()) {
            return "expected at least one " + kind + ", got none";
        }
        if (expects.isEmpty()) {
            return null;
        }
        if (got.isEmpty()) {
            return "expected " + kind + "s " + expects + ", got none";
        }
        for (EvalCommand.AnnotationExpectation e : expects) {
            if (got.stream().noneMatch(e::matches)) {
                return "expected " + kind + " " + e + " not found in " + got;
            }
        }
        for (String g : got) {
            if (expects.stream().noneMatch(e -> e.matches(g))) {
                return "unexpected " + kind + " \"" + g + "\" (expected " + expects + ")";
            }
        }
        return null;
    }
}
