package io.ignis.server.rules.template;

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
import io.ignis.server.rules.template.Node.StopNode;
import io.ignis.server.rules.template.Node.StringNode;
import io.ignis.server.rules.template.Node.TemplateNode;
import io.ignis.server.rules.template.Node.TextNode;
import io.ignis.server.rules.template.Node.VariableNode;
import io.ignis.server.rules.template.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the parse tree from tokens with the grammar and checks of Go's {@code text/template/parse}: functions
 * must be defined, variables declared before use (scoped to the enclosing control structure), {@code break} and
 * {@code continue} only inside {@code range}, {@code define} only at the top level.
 */
final class Parser {
    private final String name;
    private final List<Token> tokens;
    private final Set<String> functions;
    private final Map<String, ListNode> templates = new LinkedHashMap<>();
    private final List<String> vars = new ArrayList<>();
    private int pos;
    private int rangeDepth;

    private Parser(String name, List<Token> tokens, Set<String> functions) {
        this.name = name;
        this.tokens = tokens;
        this.functions = functions;
    }

    /** Parses {@code text}; the result maps template names to bodies, {@code name} being the main one. */
    static Map<String, ListNode> parse(String name, String text, Set<String> functions) {
        Parser p = new Parser(name, Lexer.lex(name, text), functions);
        p.vars.add("$");
        List<Node> root = new ArrayList<>();
        while (!p.peekNonSpace().is(Kind.EOF)) {
            if (p.peek().is(Kind.LEFT_DELIM) && p.peekAfterDelim().is(Kind.DEFINE)) {
                p.next();
                p.nextNonSpace();
                p.define();
                continue;
            }
            Node n = p.textOrAction();
            if (n instanceof StopNode s) {
                throw p.error("unexpected {{" + (s.kind() == Kind.END ? "end" : "else") + "}}");
            }
            root.add(n);
        }
        Map<String, ListNode> out = new LinkedHashMap<>();
        out.put(name, new ListNode(1, root));
        p.templates.forEach((k, v) -> {
            if (!k.equals(name) || root.isEmpty()) {
                out.put(k, v);
            }
        });
        return out;
    }

    private void define() {
        Token nameToken = nextNonSpace();
        String defined = templateName(nameToken, "define clause");
        expect(Kind.RIGHT_DELIM, "define clause");
        List<String> saved = new ArrayList<>(vars);
        vars.clear();
        vars.add("$");
        ListNode body = itemListUntilEnd("define");
        vars.clear();
        vars.addAll(saved);
        templates.put(defined, body);
    }

    private ListNode itemListUntilEnd(String context) {
        ItemList l = itemList();
        if (l.stop.kind() != Kind.END) {
            throw error("unexpected {{else}} in " + context);
        }
        return l.list;
    }

    private record ItemList(ListNode list, StopNode stop) {
    }

    private ItemList itemList() {
        int line = peek().line();
        List<Node> nodes = new ArrayList<>();
        while (!peekNonSpace().is(Kind.EOF)) {
            Node n = textOrAction();
            if (n instanceof StopNode s) {
                return new ItemList(new ListNode(line, nodes), s);
            }
            nodes.add(n);
        }
        throw error("unexpected EOF");
    }

    private Node textOrAction() {
        Token t = nextNonSpace();
        return switch (t.kind()) {
            case TEXT -> new TextNode(t.line(), t.text());
            case LEFT_DELIM -> action();
            default -> throw unexpected(t, "input");
        };
    }

    private Node action() {
        Token t = nextNonSpace();
        switch (t.kind()) {
            case BLOCK:
                return block(t);
            case BREAK:
                return loopControl(t, "break", new BreakNode(t.line()));
            case CONTINUE:
                return loopControl(t, "continue", new ContinueNode(t.line()));
            case ELSE: {
                Token after = peekNonSpace();
                if (!after.is(Kind.IF) && !after.is(Kind.WITH)) {
                    expect(Kind.RIGHT_DELIM, "else");
                }
                return new StopNode(Kind.ELSE, t.line());
            }
            case END:
                expect(Kind.RIGHT_DELIM, "end");
                return new StopNode(Kind.END, t.line());
            case IF:
                return control("if", t.line());
            case RANGE:
                return control("range", t.line());
            case WITH:
                return control("with", t.line());
            case TEMPLATE:
                return templateCall(t);
            default:
                pos--;
                int line = peek().line();
                return new Node.ActionNode(line, pipeline("command", Kind.RIGHT_DELIM));
        }
    }

    private Node loopControl(Token t, String what, Node node) {
        expect(Kind.RIGHT_DELIM, what);
        if (rangeDepth == 0) {
            throw error("{{" + what + "}} outside {{range}}");
        }
        return node;
    }

    private Node block(Token t) {
        String blockName = templateName(nextNonSpace(), "block clause");
        PipeNode pipe = pipeline("block clause", Kind.RIGHT_DELIM);
        List<String> saved = new ArrayList<>(vars);
        vars.clear();
        vars.add("$");
        ListNode body = itemListUntilEnd("block");
        vars.clear();
        vars.addAll(saved);
        templates.put(blockName, body);
        return new TemplateNode(t.line(), blockName, pipe);
    }

    private Node templateCall(Token t) {
        String called = templateName(nextNonSpace(), "template clause");
        PipeNode pipe = null;
        if (!peekNonSpace().is(Kind.RIGHT_DELIM)) {
            pipe = pipeline("template clause", Kind.RIGHT_DELIM);
        } else {
            nextNonSpace();
        }
        return new TemplateNode(t.line(), called, pipe);
    }

    private String templateName(Token t, String context) {
        if (t.is(Kind.STRING) || t.is(Kind.RAW_STRING)) {
            return unquote(t);
        }
        throw unexpected(t, context);
    }

    private Node control(String keyword, int line) {
        int mark = vars.size();
        PipeNode pipe = pipeline(keyword, Kind.RIGHT_DELIM);
        if (keyword.equals("range")) {
            rangeDepth++;
        }
        ItemList body = itemList();
        if (keyword.equals("range")) {
            rangeDepth--;
        }
        ListNode elseList = null;
        if (body.stop.kind() == Kind.ELSE) {
            Token after = peekNonSpace();
            if (keyword.equals("if") && after.is(Kind.IF) || keyword.equals("with") && after.is(Kind.WITH)) {
                nextNonSpace();
                Node nested = control(keyword, after.line());
                elseList = new ListNode(after.line(), List.of(nested));
            } else {
                ItemList e = itemList();
                if (e.stop.kind() != Kind.END) {
                    throw error("expected end; found {{else}}");
                }
                elseList = e.list;
            }
        }
        vars.subList(mark, vars.size()).clear();
        return new BranchNode(line, keyword, pipe, body.list, elseList);
    }

    private PipeNode pipeline(String context, Kind end) {
        int line = peekNonSpace().line();
        List<VariableNode> decl = new ArrayList<>();
        boolean isAssign = false;
        while (peekNonSpace().is(Kind.VARIABLE)) {
            int save = pos;
            Token v = nextNonSpace();
            Token next = peekNonSpace();
            if (next.is(Kind.DECLARE) || next.is(Kind.ASSIGN)) {
                isAssign = next.is(Kind.ASSIGN);
                nextNonSpace();
                decl.add(new VariableNode(v.line(), List.of(v.text())));
                vars.add(v.text());
                break;
            } else if (next.is(Kind.COMMA)) {
                nextNonSpace();
                decl.add(new VariableNode(v.line(), List.of(v.text())));
                vars.add(v.text());
                if (context.equals("range") && decl.size() < 2) {
                    Kind k = peekNonSpace().kind();
                    if (k == Kind.VARIABLE) {
                        continue;
                    }
                    throw error("range can only initialize variables");
                }
                throw error("too many declarations in " + context);
            } else {
                pos = save;
                break;
            }
        }
        List<CommandNode> cmds = new ArrayList<>();
        while (true) {
            Token t = nextNonSpace();
            if (t.is(end)) {
                checkPipeline(cmds, context);
                return new PipeNode(line, isAssign, decl, cmds);
            }
            switch (t.kind()) {
                case BOOL, CHAR, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE, LEFT_PAREN -> {
                    pos--;
                    cmds.add(command());
                }
                default -> throw unexpected(t, context);
            }
        }
    }

    private void checkPipeline(List<CommandNode> cmds, String context) {
        if (cmds.isEmpty()) {
            throw error("missing value for " + context);
        }
        for (int i = 1; i < cmds.size(); i++) {
            Node first = cmds.get(i).args().get(0);
            if (first instanceof BoolNode || first instanceof DotNode || first instanceof NilNode
                    || first instanceof NumberNode || first instanceof StringNode) {
                throw error("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private CommandNode command() {
        int line = peekNonSpace().line();
        List<Node> args = new ArrayList<>();
        while (true) {
            peekNonSpace();
            Node operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Token t = next();
            if (t.is(Kind.SPACE)) {
                continue;
            }
            if (t.is(Kind.RIGHT_DELIM) || t.is(Kind.RIGHT_PAREN)) {
                pos--;
            } else if (!t.is(Kind.PIPE)) {
                throw unexpected(t, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw error("empty command");
        }
        return new CommandNode(line, args);
    }

    private Node operand() {
        Node node = term();
        if (node == null) {
            return null;
        }
        if (!peek().is(Kind.FIELD)) {
            return node;
        }
        List<String> fields = new ArrayList<>();
        while (peek().is(Kind.FIELD)) {
            fields.add(next().text().substring(1));
        }
        if (node instanceof FieldNode f) {
            List<String> all = new ArrayList<>(f.ident());
            all.addAll(fields);
            return new FieldNode(f.line(), all);
        }
        if (node instanceof VariableNode v) {
            List<String> all = new ArrayList<>(v.ident());
            all.addAll(fields);
            return new VariableNode(v.line(), all);
        }
        if (node instanceof BoolNode || node instanceof StringNode || node instanceof NumberNode
                || node instanceof NilNode || node instanceof DotNode) {
            throw error("unexpected . after term " + GoFormat.quote(node.toString()));
        }
        return new ChainNode(node.line(), node, fields);
    }

    private Node term() {
        Token t = nextNonSpace();
        switch (t.kind()) {
            case IDENTIFIER:
                if (!functions.contains(t.text())) {
                    throw error("function " + GoFormat.quote(t.text()) + " not defined");
                }
                return new IdentifierNode(t.line(), t.text());
            case DOT:
                return new DotNode(t.line());
            case NIL:
                return new NilNode(t.line());
            case VARIABLE:
                if (!vars.contains(t.text())) {
                    throw error("undefined variable " + GoFormat.quote(t.text()));
                }
                return new VariableNode(t.line(), List.of(t.text()));
            case FIELD:
                return new FieldNode(t.line(), List.of(t.text().substring(1)));
            case BOOL:
                return new BoolNode(t.line(), t.text().equals("true"));
            case NUMBER:
            case CHAR:
                return number(t);
            case LEFT_PAREN:
                return pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
            case STRING:
            case RAW_STRING:
                return new StringNode(t.line(), t.text(), unquote(t));
            default:
                pos--;
                return null;
        }
    }

    private NumberNode number(Token t) {
        if (t.is(Kind.CHAR)) {
            String s = GoQuote.unquote(t.text(), '\'');
            if (s == null || s.codePointCount(0, s.length()) != 1) {
                throw error("malformed character constant: " + t.text());
            }
            return new NumberNode(t.line(), t.text(), (long) s.codePointAt(0));
        }
        Object v = GoQuote.parseNumber(t.text());
        if (v == null) {
            throw error("illegal number syntax: " + GoFormat.quote(t.text()));
        }
        return new NumberNode(t.line(), t.text(), v);
    }

    private String unquote(Token t) {
        if (t.is(Kind.RAW_STRING)) {
            return t.text().substring(1, t.text().length() - 1);
        }
        String s = GoQuote.unquote(t.text(), '"');
        if (s == null) {
            throw error("invalid syntax: " + t.text());
        }
        return s;
    }

    private Token expect(Kind kind, String context) {
        Token t = nextNonSpace();
        if (!t.is(kind)) {
            throw unexpected(t, context);
        }
        return t;
    }

    private Token next() {
        return tokens.get(Math.min(pos++, tokens.size() - 1));
    }

    private Token peek() {
        return tokens.get(Math.min(pos, tokens.size() - 1));
    }

    private Token nextNonSpace() {
        Token t = next();
        while (t.is(Kind.SPACE)) {
            t = next();
        }
        return t;
    }

    private Token peekNonSpace() {
        Token t = nextNonSpace();
        pos--;
        return t;
    }

    private Token peekAfterDelim() {
        int save = pos;
        next();
        Token t = nextNonSpace();
        pos = save;
        return t;
    }

    private TemplateException unexpected(Token t, String context) {
        if (t.is(Kind.EOF)) {
            return error("unexpected EOF");
        }
        if (t.is(Kind.RIGHT_DELIM) && context.equals("input")) {
            return error("unexpected \"}}\" in input");
        }
        return error("unexpected " + t + " in " + context);
    }

    private TemplateException error(String msg) {
        int line = peek().line();
        if (pos > 0) {
            line = tokens.get(Math.min(pos - 1, tokens.size() - 1)).line();
        }
        return new TemplateException("template: " + name + ":" + line + ": " + msg);
    }
}
