package io.ignis.server.rules.template;

import java.util.List;

/**
 * The parse tree of a template, as Go's {@code text/template/parse} nodes. Every node keeps the line where it
 * starts for error messages; {@link #toString()} prints it back the way Go's error messages quote it.
 */
sealed interface Node {
    int line();

    /** A sequence of nodes: a template body or a branch. */
    record ListNode(int line, List<Node> nodes) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            nodes.forEach(sb::append);
            return sb.toString();
        }
    }

    record TextNode(int line, String text) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A pipeline: optional declared/assigned variables, then commands joined by {@code |}. */
    record PipeNode(int line, boolean isAssign, List<VariableNode> decl, List<CommandNode> cmds) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < decl.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(decl.get(i));
            }
            if (!decl.isEmpty()) {
                sb.append(isAssign ? " = " : " := ");
            }
            for (int i = 0; i < cmds.size(); i++) {
                sb.append(i > 0 ? " | " : "").append(cmds.get(i));
            }
            return sb.toString();
        }
    }

    record ActionNode(int line, PipeNode pipe) implements Node {
        @Override
        public String toString() {
            return "{{" + pipe + "}}";
        }
    }

    /** One command of a pipeline: its operands, the first being the function, field or value. */
    record CommandNode(int line, List<Node> args) implements Node {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < args.size(); i++) {
                Node a = args.get(i);
                sb.append(i > 0 ? " " : "");
                sb.append(a instanceof PipeNode ? "(" + a + ")" : a.toString());
            }
            return sb.toString();
        }
    }

    record IdentifierNode(int line, String name) implements Node {
        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code $} or {@code $x}, optionally followed by fields: {@code $x.a.b}. */
    record VariableNode(int line, List<String> ident) implements Node {
        @Override
        public String toString() {
            return String.join(".", ident);
        }
    }

    record DotNode(int line) implements Node {
        @Override
        public String toString() {
            return ".";
        }
    }

    record NilNode(int line) implements Node {
        @Override
        public String toString() {
            return "nil";
        }
    }

    /** {@code .a.b.c}: field names without the dots. */
    record FieldNode(int line, List<String> ident) implements Node {
        @Override
        public String toString() {
            return "." + String.join(".", ident);
        }
    }

    /** A term followed by fields: {@code (x).a.b}. */
    record ChainNode(int line, Node node, List<String> fields) implements Node {
        @Override
        public String toString() {
            String base = node instanceof PipeNode ? "(" + node + ")" : node.toString();
            return base + "." + String.join(".", fields);
        }
    }

    record BoolNode(int line, boolean value) implements Node {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** A number constant; {@code value} is a Long for integers and a Double otherwise, as Go's ideal constants. */
    record NumberNode(int line, String text, Object value) implements Node {
        @Override
        public String toString() {
            return text;
        }
    }

    record StringNode(int line, String quoted, String text) implements Node {
        @Override
        public String toString() {
            return quoted;
        }
    }

    /** {@code if}, {@code range} and {@code with} share this shape; {@code elseList} may be null. */
    record BranchNode(int line, String keyword, PipeNode pipe, ListNode list, ListNode elseList) implements Node {
        @Override
        public String toString() {
            String s = "{{" + keyword + " " + pipe + "}}" + list;
            if (elseList != null) {
                s += "{{else}}" + elseList;
            }
            return s + "{{end}}";
        }
    }

    record TemplateNode(int line, String name, PipeNode pipe) implements Node {
        @Override
        public String toString() {
            return "{{template " + GoFormat.quote(name) + (pipe == null ? "" : " " + pipe) + "}}";
        }
    }

    /** Ends an item list while parsing: {@code {{end}}} or {@code {{else}}}; never in a finished tree. */
    record StopNode(Token.Kind kind, int line) implements Node {
    }

    record BreakNode(int line) implements Node {
        @Override
        public String toString() {
            return "{{break}}";
        }
    }

    record ContinueNode(int line) implements Node {
        @Override
        public String toString() {
            return "{{continue}}";
        }
    }
}
