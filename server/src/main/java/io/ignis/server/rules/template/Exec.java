package io.ignis.server.rules.template;

import io.ignis.server.rules.template.Node.ActionNode;
import io.ignis.server.rules.template.Node.BoolNode;
import io.ignis.server.rules.template.Node.BranchNode;
import io.ignis.server.rules.template.Node.BreakNode;
import io.ignis.server.rules.template.Node.ChainNode;
import io.ignis.server.rules.template.Node.CommandNode;
import io.ignis.server.rules.template.Node.ContinueNode;
import io.ignis.server.rules.template.Node.DotNode;
import io.ignis.server.rules.template.Node.FieldNode;
import io.ignis.server.rules.template.Node.IdentifierNode;
import io.ignis.server.rules.template.Node.ListNode;
import io.ignis.server.rules.template.Node.NilNode;
import io.ignis.server.rules.template.Node.NumberNode;
import io.ignis.server.rules.template.Node.PipeNode;
import io.ignis.server.rules.template.Node.StringNode;
import io.ignis.server.rules.template.Node.TemplateNode;
import io.ignis.server.rules.template.Node.TextNode;
import io.ignis.server.rules.template.Node.VariableNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes a parsed template against data, as Go's {@code text/template} executor with
 * {@code missingkey=zero}: walks the tree, evaluates pipelines left to right passing each command's result as
 * the last argument of the next, scopes variables to control structures, prints values with {@code %v}.
 */
final class Exec {
    private static final int MAX_DEPTH = 100_000;

    private static final class LoopControl extends RuntimeException {
        final boolean isBreak;

        LoopControl(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    private static final LoopControl BREAK = new LoopControl(true);
    private static final LoopControl CONTINUE = new LoopControl(false);

    private final String name;
    private final Map<String, ListNode> templates;
    private final Map<String, Func> funcs;
    private final StringBuilder out;
    private final List<String> varNames = new ArrayList<>();
    private final List<Object> varValues = new ArrayList<>();
    private Node at;
    private int depth;

    Exec(String name, Map<String, ListNode> templates, Map<String, Func> funcs, StringBuilder out) {
        this.name = name;
        this.templates = templates;
        this.funcs = funcs;
        this.out = out;
    }

    void run(String template, Object data) {
        ListNode body = templates.get(template);
        if (body == null) {
            throw new TemplateException("template: " + template + ": no such template");
        }
        push("$", data);
        walk(data, body);
    }

    private void push(String var, Object v) {
        varNames.add(var);
        varValues.add(v);
    }

    private int mark() {
        return varNames.size();
    }

    private void pop(int mark) {
        varNames.subList(mark, varNames.size()).clear();
        varValues.subList(mark, varValues.size()).clear();
    }

    private void walk(Object dot, Node node) {
        at = node;
        if (node instanceof ActionNode a) {
            Object v = evalPipeline(dot, a.pipe());
            if (a.pipe().decl().isEmpty()) {
                printValue(a, v);
            }
        } else if (node instanceof ListNode l) {
            for (Node n : l.nodes()) {
                walk(dot, n);
            }
        } else if (node instanceof TextNode t) {
            out.append(t.text());
        } else if (node instanceof BranchNode b) {
            branch(dot, b);
        } else if (node instanceof TemplateNode t) {
            callTemplate(dot, t);
        } else if (node instanceof BreakNode) {
            throw BREAK;
        } else if (node instanceof ContinueNode) {
            throw CONTINUE;
        } else {
            throw error("unknown node: " + node);
        }
    }

    private void branch(Object dot, BranchNode b) {
        int mark = mark();
        try {
            if (b.keyword().equals("range")) {
                range(dot, b);
                return;
            }
            Object v = evalPipeline(dot, b.pipe());
            if (Values.truth(v)) {
                walk(b.keyword().equals("with") ? v : dot, b.list());
            } else if (b.elseList() != null) {
                walk(dot, b.elseList());
            }
        } finally {
            pop(mark);
        }
    }

    private void range(Object dot, BranchNode b) {
        Object v = evalPipeline(dot, b.pipe());
        // The pipeline declared the range variables with the whole value; each iteration overwrites them.
        int mark = mark();
        List<Object> keys = new ArrayList<>();
        List<Object> elems = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                keys.add((long) i);
                elems.add(l.get(i));
            }
        } else if (v instanceof Map<?, ?> m) {
            for (Object k : Values.sortedKeys(m)) {
                keys.add(k);
                elems.add(m.get(k));
            }
        } else if (v instanceof Long n) {
            for (long i = 0; i < n; i++) {
                keys.add(i);
                elems.add(i);
            }
        } else if (v != null) {
            throw error("range can't iterate over " + GoFormat.value(v));
        }
        if (elems.isEmpty()) {
            if (b.elseList() != null) {
                walk(dot, b.elseList());
            }
            return;
        }
        List<VariableNode> decl = b.pipe().decl();
        for (int i = 0; i < elems.size(); i++) {
            if (decl.size() == 1) {
                setVarAt(mark - 1, elems.get(i));
            } else if (decl.size() == 2) {
                setVarAt(mark - 2, keys.get(i));
                setVarAt(mark - 1, elems.get(i));
            }
            int inner = mark();
            try {
                walk(elems.get(i), b.list());
            } catch (LoopControl c) {
                if (c.isBreak) {
                    break;
                }
            } finally {
                pop(inner);
            }
        }
    }

    private void setVarAt(int i, Object v) {
        varValues.set(i, v);
    }

    private void callTemplate(Object dot, TemplateNode t) {
        ListNode body = templates.get(t.name());
        if (body == null) {
            throw error("template " + GoFormat.quote(t.name()) + " not defined");
        }
        if (++depth > MAX_DEPTH) {
            throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        Object newDot = t.pipe() == null ? null : evalPipeline(dot, t.pipe());
        List<String> savedNames = new ArrayList<>(varNames);
        List<Object> savedValues = new ArrayList<>(varValues);
        varNames.clear();
        varValues.clear();
        push("$", newDot);
        try {
            walk(newDot, body);
        } finally {
            varNames.clear();
            varValues.clear();
            varNames.addAll(savedNames);
            varValues.addAll(savedValues);
            depth--;
        }
    }

    private Object evalPipeline(Object dot, PipeNode pipe) {
        at = pipe;
        Object value = null;
        boolean hasValue = false;
        for (CommandNode cmd : pipe.cmds()) {
            value = evalCommand(dot, cmd, value, hasValue);
            hasValue = true;
        }
        for (VariableNode v : pipe.decl()) {
            if (pipe.isAssign()) {
                setVar(v.ident().get(0), value);
            } else {
                push(v.ident().get(0), value);
            }
        }
        return value;
    }

    private void setVar(String var, Object value) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(var)) {
                varValues.set(i, value);
                return;
            }
        }
        throw error("undefined variable: " + var);
    }

    private Object varValue(String var) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(var)) {
                return varValues.get(i);
            }
        }
        throw error("undefined variable: " + var);
    }

    private Object evalCommand(Object dot, CommandNode cmd, Object fin, boolean hasFinal) {
        Node first = cmd.args().get(0);
        at = first;
        if (first instanceof FieldNode f) {
            return evalFieldChain(dot, dot, f, f.ident(), cmd.args(), fin, hasFinal);
        }
        if (first instanceof ChainNode c) {
            return evalChain(dot, c, cmd.args(), fin, hasFinal);
        }
        if (first instanceof IdentifierNode id) {
            return evalFunction(dot, id, cmd.args(), fin, hasFinal);
        }
        if (first instanceof PipeNode p) {
            notAFunction(cmd.args(), hasFinal);
            return evalPipelineScoped(dot, p);
        }
        if (first instanceof VariableNode v) {
            return evalVariable(dot, v, cmd.args(), fin, hasFinal);
        }
        if (first instanceof NilNode) {
            throw error("nil is not a command");
        }
        notAFunction(cmd.args(), hasFinal);
        return constant(dot, first);
    }

    private Object evalPipelineScoped(Object dot, PipeNode p) {
        int mark = mark();
        try {
            return evalPipeline(dot, p);
        } finally {
            pop(mark);
        }
    }

    private void notAFunction(List<Node> args, boolean hasFinal) {
        if (args.size() > 1 || hasFinal) {
            throw error("can't give argument to non-function " + args.get(0));
        }
    }

    private Object evalVariable(Object dot, VariableNode v, List<Node> args, Object fin, boolean hasFinal) {
        Object value = varValue(v.ident().get(0));
        if (v.ident().size() == 1) {
            notAFunction(args, hasFinal);
            return value;
        }
        return evalFieldChain(dot, value, v, v.ident().subList(1, v.ident().size()), args, fin, hasFinal);
    }

    private Object evalChain(Object dot, ChainNode c, List<Node> args, Object fin, boolean hasFinal) {
        Object pipe = evalArg(dot, c.node());
        return evalFieldChain(dot, pipe, c, c.fields(), args, fin, hasFinal);
    }

    private Object evalFieldChain(Object dot, Object receiver, Node node, List<String> idents, List<Node> args,
            Object fin, boolean hasFinal) {
        Object r = receiver;
        int n = idents.size();
        for (int i = 0; i < n - 1; i++) {
            r = evalField(dot, idents.get(i), node, List.of(), null, false, r);
        }
        return evalField(dot, idents.get(n - 1), node, args, fin, hasFinal, r);
    }

    private Object evalField(Object dot, String field, Node node, List<Node> args, Object fin, boolean hasFinal,
            Object receiver) {
        if (receiver == null) {
            return null;
        }
        boolean hasArgs = args.size() > 1 || hasFinal;
        if (receiver instanceof GoValue g && g.hasMethod(field)) {
            List<Object> actual = new ArrayList<>();
            for (int i = 1; i < args.size(); i++) {
                actual.add(evalArg(dot, args.get(i)));
            }
            if (hasFinal) {
                actual.add(fin);
            }
            try {
                return g.call(field, actual);
            } catch (FuncException e) {
                throw error("error calling " + field + ": " + e.getMessage());
            }
        }
        if (receiver instanceof GoValue g) {
            Object v = g.field(field);
            if (v != GoValue.MISSING) {
                if (hasArgs) {
                    throw error(field + " has arguments but cannot be invoked as function");
                }
                return v;
            }
        } else if (receiver instanceof Map<?, ?> m) {
            if (hasArgs) {
                throw error(field + " is not a method but has arguments");
            }
            return m.containsKey(field) ? m.get(field) : Values.zeroOf(m);
        }
        throw error("can't evaluate field " + field + " in type " + GoFormat.typeName(receiver));
    }

    private Object evalFunction(Object dot, IdentifierNode id, List<Node> args, Object fin, boolean hasFinal) {
        String fname = id.name();
        Func f = funcs.get(fname);
        if (f == null) {
            throw error(GoFormat.quote(fname) + " is not a defined function");
        }
        int given = args.size() - 1 + (hasFinal ? 1 : 0);
        if (given < f.minArgs() || f.maxArgs() >= 0 && given > f.maxArgs()) {
            String want = f.maxArgs() < 0 ? "at least " + f.minArgs() : Integer.toString(f.minArgs());
            throw error("wrong number of args for " + fname + ": want " + want + " got " + given);
        }
        if (fname.equals("and") || fname.equals("or")) {
            return andOr(dot, fname.equals("and"), args, fin, hasFinal);
        }
        List<Object> actual = new ArrayList<>(given);
        for (int i = 1; i < args.size(); i++) {
            actual.add(evalArg(dot, args.get(i)));
        }
        if (hasFinal) {
            actual.add(fin);
        }
        at = id;
        try {
            return f.body().call(actual);
        } catch (FuncException e) {
            throw error("error calling " + fname + ": " + e.getMessage());
        }
    }

    /** {@code and}/{@code or} stop evaluating arguments once the result is known, as Go 1.18+. */
    private Object andOr(Object dot, boolean and, List<Node> args, Object fin, boolean hasFinal) {
        Object v = null;
        int n = args.size() - 1 + (hasFinal ? 1 : 0);
        for (int i = 0; i < n; i++) {
            v = i + 1 < args.size() ? evalArg(dot, args.get(i + 1)) : fin;
            if (Values.truth(v) != and) {
                return v;
            }
        }
        return v;
    }

    private Object evalArg(Object dot, Node n) {
        at = n;
        if (n instanceof NilNode) {
            return null;
        }
        if (n instanceof FieldNode f) {
            return evalFieldChain(dot, dot, f, f.ident(), List.of(n), null, false);
        }
        if (n instanceof VariableNode v) {
            return evalVariable(dot, v, List.of(n), null, false);
        }
        if (n instanceof PipeNode p) {
            return evalPipelineScoped(dot, p);
        }
        if (n instanceof IdentifierNode id) {
            return evalFunction(dot, id, List.of(n), null, false);
        }
        if (n instanceof ChainNode c) {
            return evalChain(dot, c, List.of(n), null, false);
        }
        return constant(dot, n);
    }

    private Object constant(Object dot, Node n) {
        if (n instanceof DotNode) {
            return dot;
        }
        if (n instanceof BoolNode b) {
            return b.value();
        }
        if (n instanceof NumberNode num) {
            return num.value();
        }
        if (n instanceof StringNode s) {
            return s.text();
        }
        throw error("can't handle " + n + " for arg");
    }

    private void printValue(Node n, Object v) {
        at = n;
        if (v == null) {
            out.append("<no value>");
            return;
        }
        out.append(GoFormat.value(v));
    }

    private TemplateException error(String msg) {
        Node n = at;
        int line = n == null ? 1 : n.line();
        String where = n == null ? "" : " at <" + trim(n.toString()) + ">";
        return new TemplateException("template: " + name + ":" + line + ": executing " + GoFormat.quote(name) + where
                + ": " + msg);
    }

    private static String trim(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }
}
