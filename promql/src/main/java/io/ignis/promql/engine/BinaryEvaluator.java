package io.ignis.promql.engine;

import io.ignis.labels.Labels;
import io.ignis.labels.LabelsBuilder;
import io.ignis.model.CounterResetHint;
import io.ignis.model.FloatHistogram;
import io.ignis.promql.ast.BinaryExpr;
import io.ignis.promql.ast.BinaryOp;
import io.ignis.promql.ast.ValueType;
import io.ignis.promql.ast.VectorMatchCardinality;
import io.ignis.promql.ast.VectorMatching;
import io.ignis.promql.functions.FunctionContext;
import io.ignis.promql.functions.HistogramMath;
import io.ignis.promql.functions.HistogramTrim;
import io.ignis.promql.functions.MutableHistogram;
import io.ignis.promql.functions.PromqlAnnotations;
import io.ignis.promql.value.Matrix;
import io.ignis.promql.value.Vector;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binary operators: scalar/scalar, vector/scalar and vector/vector with matching, set operators, fill. */
final class BinaryEvaluator {
    private final Evaluator ev;
    // Series keep their label objects across steps, so join keys and result labels are computed once per
    // series (pair), as Prometheus's signature ordinals and resultMetric cache do.
    private final Map<Labels, String> signatures = new HashMap<>();
    private final Map<LabelsPair, Labels> resultMetrics = new HashMap<>();

    private record LabelsPair(Labels lhs, Labels rhs) {
    }

    BinaryEvaluator(Evaluator ev) {
        this.ev = ev;
    }

    private String sig(Labels l, VectorMatching m) {
        String s = signatures.get(l);
        if (s == null) {
            s = signature(l, m);
            signatures.put(l, s);
        }
        return s;
    }

    Matrix eval(BinaryExpr e) {
        ValueType lt = e.lhs().type();
        ValueType rt = e.rhs().type();
        BinaryOp op = e.op();
        if (lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            return ev.rangeEval((v, enh) -> {
                enh.out.add(Labels.EMPTY, enh.ts, scalarBinop(op, v[0].v(0), v[1].v(0)), false);
                return enh.out;
            }, e.lhs(), e.rhs());
        }
        if (lt == ValueType.VECTOR && rt == ValueType.VECTOR) {
            VectorMatching m = e.matching() != null ? e.matching() : VectorMatching.oneToOne();
            return switch (op) {
                case LAND -> ev.rangeEval((v, enh) -> and(v[0], v[1], m, enh, false), e.lhs(), e.rhs());
                case LUNLESS -> ev.rangeEval((v, enh) -> and(v[0], v[1], m, enh, true), e.lhs(), e.rhs());
                case LOR -> ev.rangeEval((v, enh) -> or(v[0], v[1], m, enh), e.lhs(), e.rhs());
                default -> ev.rangeEval((v, enh) -> vectorBinop(op, v[0], v[1], m, e.returnBool(), enh),
                        e.lhs(), e.rhs());
            };
        }
        if (lt == ValueType.VECTOR) {
            return ev.rangeEval((v, enh) -> vectorScalar(op, v[0], v[1].v(0), false, e.returnBool(), enh),
                    e.lhs(), e.rhs());
        }
        return ev.rangeEval((v, enh) -> vectorScalar(op, v[1], v[0].v(0), true, e.returnBool(), enh),
                e.lhs(), e.rhs());
    }

    /** The join key of a series: the {@code on} labels, or all but the {@code ignoring} labels and the name. */
    static String signature(Labels l, VectorMatching m) {
        StringBuilder sb = new StringBuilder();
        List<String> names = m.matchingLabels();
        for (int i = 0; i < l.size(); i++) {
            String n = l.name(i);
            boolean listed = names.contains(n);
            boolean include = m.on() ? listed : !listed && !n.equals(Labels.METRIC_NAME);
            if (include) {
                sb.append(n).append('\u00ff').append(l.value(i)).append('\u00ff');
            }
        }
        return sb.toString();
    }

    static Labels matchLabels(Labels l, VectorMatching m) {
        LabelsBuilder b = new LabelsBuilder();
        List<String> names = m.matchingLabels();
        for (int i = 0; i < l.size(); i++) {
            String n = l.name(i);
            boolean listed = names.contains(n);
            if (m.on() ? listed : !listed && !n.equals(Labels.METRIC_NAME)) {
                b.set(n, l.value(i));
            }
        }
        return b.build();
    }

    private Vector and(Vector lhs, Vector rhs, VectorMatching m, FunctionContext enh, boolean unless) {
        if (lhs.isEmpty() || rhs.isEmpty()) {
            if (unless) {
                for (int i = 0; i < lhs.size(); i++) {
                    enh.out.addFrom(lhs, i);
                }
            }
            return enh.out;
        }
        Set<String> right = new HashSet<>();
        for (int i = 0; i < rhs.size(); i++) {
            right.add(sig(rhs.labels(i), m));
        }
        for (int i = 0; i < lhs.size(); i++) {
            if (right.contains(sig(lhs.labels(i), m)) != unless) {
                enh.out.addFrom(lhs, i);
            }
        }
        return enh.out;
    }

    private Vector or(Vector lhs, Vector rhs, VectorMatching m, FunctionContext enh) {
        Set<String> left = new HashSet<>();
        for (int i = 0; i < lhs.size(); i++) {
            left.add(sig(lhs.labels(i), m));
            enh.out.addFrom(lhs, i);
        }
        for (int i = 0; i < rhs.size(); i++) {
            if (lhs.isEmpty() || !left.contains(sig(rhs.labels(i), m))) {
                enh.out.addFrom(rhs, i);
            }
        }
        return enh.out;
    }

    private Vector vectorBinop(BinaryOp op, Vector lhs, Vector rhs, VectorMatching m, boolean returnBool,
                               FunctionContext enh) {
        Double fillL = m.fill().lhs();
        Double fillR = m.fill().rhs();
        if ((lhs.isEmpty() && rhs.isEmpty()) || ((lhs.isEmpty() || rhs.isEmpty()) && fillL == null && fillR == null)) {
            return enh.out;
        }
        boolean swapped = m.card() == VectorMatchCardinality.ONE_TO_MANY;
        if (swapped) {
            Vector t = lhs;
            lhs = rhs;
            rhs = t;
        }
        Map<String, Integer> rightSigs = new HashMap<>();
        for (int i = 0; i < rhs.size(); i++) {
            String sig = sig(rhs.labels(i), m);
            Integer prev = rightSigs.put(sig, i);
            if (prev != null) {
                String d1 = rhs.labels(i).toString();
                String d2 = rhs.labels(prev).toString();
                if (d1.compareTo(d2) > 0) {
                    String t = d1;
                    d1 = d2;
                    d2 = t;
                }
                throw new PromqlException("found duplicate series for the match group "
                        + matchLabels(rhs.labels(i), m) + " on the " + (swapped ? "left" : "right")
                        + " hand-side of the operation: [" + d1 + ", " + d2 + "]"
                        + ";many-to-many matching not allowed: matching labels must be unique on one side");
            }
        }
        Set<String> matchedOneToOne = new HashSet<>();
        Map<String, Set<Labels>> matchedMany = new HashMap<>();
        for (int i = 0; i < lhs.size(); i++) {
            String sig = sig(lhs.labels(i), m);
            Integer j = rightSigs.get(sig);
            if (j != null) {
                apply(op, lhs.labels(i), lhs.v(i), lhs.histogram(i), rhs.labels(j), rhs.v(j), rhs.histogram(j), sig,
                        m, swapped, returnBool, matchedOneToOne, matchedMany, enh);
            } else if (fillR != null) {
                apply(op, lhs.labels(i), lhs.v(i), lhs.histogram(i), matchLabels(lhs.labels(i), m), fillR, null, sig,
                        m, swapped, returnBool, matchedOneToOne, matchedMany, enh);
            }
        }
        if (fillL != null) {
            for (int i = 0; i < rhs.size(); i++) {
                String sig = sig(rhs.labels(i), m);
                boolean matched = m.card() == VectorMatchCardinality.ONE_TO_ONE ? matchedOneToOne.contains(sig)
                        : matchedMany.containsKey(sig) && !matchedMany.get(sig).isEmpty();
                if (matched) {
                    continue;
                }
                apply(op, matchLabels(rhs.labels(i), m), fillL, null, rhs.labels(i), rhs.v(i), rhs.histogram(i), sig,
                        m, swapped, returnBool, matchedOneToOne, matchedMany, enh);
            }
        }
        return enh.out;
    }

    private void apply(BinaryOp op, Labels ll, double lf, FloatHistogram lh, Labels rl, double rf, FloatHistogram rh,
                       String sig, VectorMatching m, boolean swapped, boolean returnBool, Set<String> matchedOneToOne,
                       Map<String, Set<Labels>> matchedMany, FunctionContext enh) {
        double fl = swapped ? rf : lf;
        double fr = swapped ? lf : rf;
        FloatHistogram hl = swapped ? rh : lh;
        FloatHistogram hr = swapped ? lh : rh;
        ElementResult r = elementBinop(op, fl, fr, hl, hr);
        if (r.info) {
            return;
        }
        double value = r.value;
        FloatHistogram hv = r.histogram;
        if (returnBool) {
            hv = null;
            value = r.keep ? 1 : 0;
        }
        Labels metric = resultMetric(ll, rl, op, m, !ev.delayedNameRemoval() && returnBool);
        if (m.card() == VectorMatchCardinality.ONE_TO_ONE) {
            if (!matchedOneToOne.add(sig)) {
                throw new PromqlException(
                        "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
            }
        } else if (!matchedMany.computeIfAbsent(sig, k -> new HashSet<>()).add(metric)) {
            throw new PromqlException("multiple matches for labels: grouping labels must ensure unique matches");
        }
        if (!r.keep && !returnBool) {
            return;
        }
        if (hv != null) {
            enh.out.addHistogram(metric, enh.ts, hv, returnBool);
        } else {
            enh.out.add(metric, enh.ts, value, returnBool);
        }
    }

    private Labels resultMetric(Labels lhs, Labels rhs, BinaryOp op, VectorMatching m, boolean dropMetricName) {
        LabelsPair key = new LabelsPair(lhs, rhs);
        Labels cached = resultMetrics.get(key);
        if (cached == null) {
            cached = computeResultMetric(lhs, rhs, op, m, dropMetricName);
            resultMetrics.put(key, cached);
        }
        return cached;
    }

    private static Labels computeResultMetric(Labels lhs, Labels rhs, BinaryOp op, VectorMatching m,
                                              boolean dropMetricName) {
        LabelsBuilder b = new LabelsBuilder(lhs);
        if (dropMetricName || changesMetricSchema(op)) {
            b.del(Labels.METRIC_NAME).del("__type__").del("__unit__");
        }
        if (m.card() == VectorMatchCardinality.ONE_TO_ONE) {
            if (m.on()) {
                b.keep(m.matchingLabels());
            } else {
                for (String n : m.matchingLabels()) {
                    b.del(n);
                }
            }
        }
        for (String n : m.include()) {
            String v = rhs.get(n);
            if (v.isEmpty()) {
                b.del(n);
            } else {
                b.set(n, v);
            }
        }
        return b.build();
    }

    private Vector vectorScalar(BinaryOp op, Vector lhs, double scalar, boolean swap, boolean returnBool,
                                FunctionContext enh) {
        for (int i = 0; i < lhs.size(); i++) {
            double lf = lhs.v(i);
            double rf = scalar;
            FloatHistogram lh = lhs.histogram(i);
            FloatHistogram rh = null;
            if (swap) {
                lf = scalar;
                rf = lhs.v(i);
                rh = lh;
                lh = null;
            }
            ElementResult r = elementBinop(op, lf, rf, lh, rh);
            if (r.info) {
                continue;
            }
            double value = r.value;
            FloatHistogram hv = r.histogram;
            boolean keep = r.keep;
            if (op.isComparison() && swap) {
                value = rf;
                hv = rh;
            }
            if (returnBool) {
                value = keep ? 1 : 0;
                hv = null;
                keep = true;
            }
            if (!keep) {
                continue;
            }
            Labels l = lhs.labels(i);
            boolean drop = lhs.dropName(i);
            if (changesMetricSchema(op) || returnBool) {
                if (!ev.delayedNameRemoval()) {
                    l = NameRemoval.dropMetricName(l);
                }
                drop = true;
            }
            if (hv != null) {
                enh.out.addHistogram(l, enh.ts, hv, drop);
            } else {
                enh.out.add(l, enh.ts, value, drop);
            }
        }
        return enh.out;
    }

    static boolean changesMetricSchema(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, DIV, MUL, POW, MOD, ATAN2 -> true;
            default -> false;
        };
    }

    static double scalarBinop(BinaryOp op, double l, double r) {
        return switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> l / r;
            case POW -> Math.pow(l, r);
            case MOD -> l % r;
            case EQLC -> l == r ? 1 : 0;
            case NEQ -> l != r ? 1 : 0;
            case GTR -> l > r ? 1 : 0;
            case LSS -> l < r ? 1 : 0;
            case GTE -> l >= r ? 1 : 0;
            case LTE -> l <= r ? 1 : 0;
            case ATAN2 -> Math.atan2(l, r);
            default -> throw new PromqlException("operator \"" + op + "\" not allowed for Scalar operations");
        };
    }

    private record ElementResult(double value, FloatHistogram histogram, boolean keep, boolean info) {
    }

    private ElementResult elementBinop(BinaryOp op, double l, double r, FloatHistogram hl, FloatHistogram hr) {
        if (hl == null && hr == null) {
            return switch (op) {
                case ADD, SUB, MUL, DIV, POW, MOD, ATAN2 -> new ElementResult(scalarBinop(op, l, r), null, true, false);
                case EQLC -> new ElementResult(l, null, l == r, false);
                case NEQ -> new ElementResult(l, null, l != r, false);
                case GTR -> new ElementResult(l, null, l > r, false);
                case LSS -> new ElementResult(l, null, l < r, false);
                case GTE -> new ElementResult(l, null, l >= r, false);
                case LTE -> new ElementResult(l, null, l <= r, false);
                default -> incompatible("float", op, "float");
            };
        }
        if (hl == null) {
            if (op == BinaryOp.MUL) {
                return new ElementResult(0, HistogramOps.scale(hr, l), true, false);
            }
            return incompatible("float", op, "histogram");
        }
        if (hr == null) {
            if (op == BinaryOp.MUL) {
                return new ElementResult(0, HistogramOps.scale(hl, r), true, false);
            }
            if (op == BinaryOp.DIV) {
                return new ElementResult(0, HistogramOps.divide(hl, r), true, false);
            }
            if (op == BinaryOp.TRIM_UPPER || op == BinaryOp.TRIM_LOWER) {
                return new ElementResult(0, HistogramTrim.trim(hl, r,
                        op == BinaryOp.TRIM_UPPER), true, false);
            }
            return incompatible("histogram", op, "float");
        }
        return switch (op) {
            case EQLC -> new ElementResult(0, hl, HistogramMath.equal(hl, hr), false);
            case NEQ -> new ElementResult(0, hl, !HistogramMath.equal(hl, hr), false);
            case ADD, SUB -> addHistograms(op, hl, hr);
            default -> incompatible("histogram", op, "histogram");
        };
    }

    /** Histogram + or -: reconciled layouts add an info; a reset-hint collision warns and drops the sample. */
    private ElementResult addHistograms(BinaryOp op, FloatHistogram hl, FloatHistogram hr) {
        MutableHistogram m = MutableHistogram.of(hl);
        String operation = op == BinaryOp.ADD ? "addition" : "subtraction";
        try {
            if (op == BinaryOp.ADD) {
                m.add(hr);
            } else {
                m.sub(hr);
                m.setHint(CounterResetHint.GAUGE);
            }
        } catch (MutableHistogram.IncompatibleSchemaException e) {
            ev.q.annotations.addWarning(PromqlAnnotations.incompatibleBucketLayoutInBinOp(op.symbol()));
            return new ElementResult(0, null, false, true);
        }
        if (m.boundsReconciled) {
            ev.q.annotations.addInfo(PromqlAnnotations.mismatchedCustomBucketsHistograms(operation));
        }
        if (m.counterResetCollision) {
            ev.q.annotations.addWarning(PromqlAnnotations.histogramCounterResetCollision(operation));
            return new ElementResult(0, null, false, true);
        }
        return new ElementResult(0, m.toHistogram(), true, false);
    }

    private ElementResult incompatible(String lt, BinaryOp op, String rt) {
        ev.q.annotations.addInfo(PromqlAnnotations.incompatibleTypesInBinOp(lt,
                op.symbol(), rt));
        return new ElementResult(0, null, false, true);
    }
}
