package io.ignis.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ignis.labels.Matcher;
import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.AtModifier;
import io.ignis.promql.ast.BinaryExpr;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.DurationExpr;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.GoFormat;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.NumberLiteral;
import io.ignis.promql.ast.ParenExpr;
import io.ignis.promql.ast.StepInvariantExpr;
import io.ignis.promql.ast.StringLiteral;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.UnaryExpr;
import io.ignis.promql.ast.ValueType;
import io.ignis.promql.ast.VectorMatching;
import io.ignis.promql.ast.VectorSelector;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /api/v1/parse_query}'s AST JSON, node by node as Prometheus's {@code translateAST}. Prometheus builds Go
 * maps, so every object's keys come out sorted; a small sorted tree is built here for that (ASTs are tiny).
 */
final class AstJson {
    private AstJson() {
    }

    static void write(JsonGenerator g, Expr e) throws IOException {
        writeValue(g, node(e));
    }

    private static Object node(Expr e) {
        if (e == null) {
            return null;
        }
        Map<String, Object> m = new TreeMap<>();
        if (e instanceof AggregateExpr a) {
            m.put("type", "aggregation");
            m.put("op", a.op().keyword());
            m.put("expr", node(a.expr()));
            m.put("param", node(a.param()));
            m.put("grouping", a.grouping());
            m.put("without", a.without());
        } else if (e instanceof BinaryExpr b) {
            m.put("type", "binaryExpr");
            m.put("op", b.op().symbol());
            m.put("lhs", node(b.lhs()));
            m.put("rhs", node(b.rhs()));
            m.put("matching", matching(b.matching()));
            m.put("bool", b.returnBool());
        } else if (e instanceof Call c) {
            Map<String, Object> f = new TreeMap<>();
            f.put("name", c.function().name());
            List<Object> argTypes = new ArrayList<>();
            for (ValueType t : c.function().argTypes()) {
                argTypes.add(t.toString());
            }
            f.put("argTypes", argTypes);
            f.put("variadic", c.function().variadic());
            f.put("returnType", c.function().returnType().toString());
            List<Object> args = new ArrayList<>();
            for (Expr a : c.args()) {
                args.add(node(a));
            }
            m.put("type", "call");
            m.put("func", f);
            m.put("args", args);
        } else if (e instanceof MatrixSelector ms) {
            VectorSelector vs = ms.vectorSelector();
            selector(m, vs);
            m.put("type", "matrixSelector");
            m.put("range", millis(ms.range()));
            m.put("rangeExpr", duration(ms.rangeExpr()));
        } else if (e instanceof SubqueryExpr s) {
            m.put("type", "subquery");
            m.put("expr", node(s.expr()));
            m.put("range", millis(s.range()));
            m.put("rangeExpr", duration(s.rangeExpr()));
            m.put("offset", millis(s.originalOffset()));
            m.put("offsetExpr", duration(s.originalOffsetExpr()));
            m.put("step", millis(s.step()));
            m.put("stepExpr", duration(s.stepExpr()));
            at(m, s.at());
        } else if (e instanceof DurationExpr d) {
            return duration(d);
        } else if (e instanceof NumberLiteral n) {
            m.put("type", "numberLiteral");
            m.put("val", GoFormat.formatFloat(n.value()));
        } else if (e instanceof ParenExpr p) {
            m.put("type", "parenExpr");
            m.put("expr", node(p.expr()));
        } else if (e instanceof StringLiteral s) {
            m.put("type", "stringLiteral");
            m.put("val", s.value());
        } else if (e instanceof UnaryExpr u) {
            m.put("type", "unaryExpr");
            m.put("op", u.op().symbol());
            m.put("expr", node(u.expr()));
        } else if (e instanceof VectorSelector vs) {
            selector(m, vs);
            m.put("type", "vectorSelector");
        } else if (e instanceof StepInvariantExpr s) {
            return node(s.expr());
        }
        return m;
    }

    private static void selector(Map<String, Object> m, VectorSelector vs) {
        m.put("name", vs.name());
        m.put("offset", millis(vs.originalOffset()));
        m.put("offsetExpr", duration(vs.originalOffsetExpr()));
        List<Object> matchers = new ArrayList<>();
        for (Matcher x : vs.matchers()) {
            Map<String, Object> mm = new TreeMap<>();
            mm.put("name", x.name());
            mm.put("value", x.value());
            mm.put("type", x.type().symbol());
            matchers.add(mm);
        }
        m.put("matchers", matchers);
        at(m, vs.at());
        m.put("anchored", vs.anchored());
        m.put("smoothed", vs.smoothed());
    }

    private static void at(Map<String, Object> m, AtModifier at) {
        Object timestamp = null;
        Object startOrEnd = null;
        if (at != null) {
            switch (at.kind()) {
                case TIMESTAMP -> timestamp = at.timestampMillis();
                case START -> startOrEnd = "start";
                case END -> startOrEnd = "end";
            }
        }
        m.put("timestamp", timestamp);
        m.put("startOrEnd", startOrEnd);
    }

    private static Object matching(VectorMatching vm) {
        if (vm == null) {
            return null;
        }
        Map<String, Object> m = new TreeMap<>();
        m.put("card", vm.card().toString());
        m.put("labels", vm.matchingLabels());
        m.put("on", vm.on());
        m.put("include", vm.include());
        Map<String, Object> fill = new TreeMap<>();
        fill.put("lhs", vm.fill() == null ? null : vm.fill().lhs());
        fill.put("rhs", vm.fill() == null ? null : vm.fill().rhs());
        m.put("fillValues", fill);
        return m;
    }

    private static Object duration(Expr e) {
        if (e == null) {
            return null;
        }
        Map<String, Object> m = new TreeMap<>();
        if (e instanceof DurationExpr d) {
            m.put("type", "durationExpr");
            m.put("op", d.op().symbol());
            m.put("lhs", duration(d.lhs()));
            m.put("rhs", duration(d.rhs()));
            m.put("wrapped", d.wrapped());
            return m;
        }
        if (e instanceof NumberLiteral n) {
            m.put("type", "numberLiteral");
            m.put("val", GoFormat.formatFloat(n.value()));
            m.put("duration", n.duration());
            return m;
        }
        return node(e);
    }

    private static long millis(Duration d) {
        return d == null ? 0 : d.toMillis();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            ApiJson.goNumber(g, d);
        } else {
            g.writeString(v.toString());
        }
    }
}
