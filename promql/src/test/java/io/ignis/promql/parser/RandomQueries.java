package io.ignis.promql.parser;

import io.ignis.promql.ast.Function;
import io.ignis.promql.ast.Functions;
import io.ignis.promql.ast.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates random, type-correct PromQL texts (all features on), covering selectors with every modifier,
 * subqueries, duration expressions, every function and aggregation, binary operators with matching and fill
 * modifiers, unary signs, parentheses, literals in their different spellings. Two spellings whose printed form
 * Prometheus itself does not parse back the same are left out: {@code Inf} (printed "+Inf", a unary plus on
 * re-parse) and an offset in plain parentheses (the next operator joins the duration on re-parse).
 */
final class RandomQueries {
    private static final String[] NAMES = {"foo", "bar:baz", "up", "sum", "offset", "by", "\"a.b\"", "step"};
    private static final String[] LABELS = {"job", "instance", "le", "\"a.b\"", "group_left", "on", "_x1"};
    private static final String[] VALUES = {"\"x\"", "'y'", "`z`", "\"a\\\"b\\n\"", "\"ä☺\"", "\"\""};
    private static final String[] NUMBERS = {"1", "0.5", ".5", "5.", "1e3", "2E-2", "0x1F", "0755", "NaN",
        "1_000", "5m", "1h30m", "100ms"};
    private static final String[] DURATIONS = {"5m", "1h", "30s", "1d", "90m", "1y", "2w", "100ms", "10"};
    private static final String[] INCLUDE = {"extra", "\"x.y\"", "bool"};
    private static final String[] ARITHMETIC = {"+", "-", "*", "/", "%", "^", "atan2"};
    private static final String[] COMPARISONS = {"==", "!=", ">", "<", ">=", "<="};
    private static final String[] SET = {"and", "or", "unless"};

    private final Random random;
    private final List<Function> functions;

    RandomQueries(Random random) {
        this.random = random;
        this.functions = new ArrayList<>(Functions.all());
    }

    String query() {
        return expr(ValueType.VECTOR, 3);
    }

    String expr(ValueType type, int depth) {
        return switch (type) {
            case SCALAR -> scalar(depth);
            case STRING -> pick(VALUES);
            case MATRIX -> matrix(depth);
            default -> vector(depth);
        };
    }

    private String scalar(int depth) {
        if (depth <= 0) {
            return pick(NUMBERS);
        }
        return switch (random.nextInt(6)) {
            case 0 -> "-" + pick(NUMBERS);
            case 1 -> "(" + scalar(depth - 1) + ")";
            case 2 -> operand(ValueType.SCALAR, depth) + " " + pick(ARITHMETIC) + " " + operand(ValueType.SCALAR, depth);
            case 3 -> operand(ValueType.SCALAR, depth) + " " + pick(COMPARISONS) + " bool "
                    + operand(ValueType.SCALAR, depth);
            case 4 -> call(ValueType.SCALAR, depth);
            default -> pick(NUMBERS);
        };
    }

    private String vector(int depth) {
        if (depth <= 0) {
            return selector(true);
        }
        return switch (random.nextInt(9)) {
            case 0, 1 -> selector(true);
            case 2 -> binary(depth);
            case 3 -> aggregate(depth);
            case 4 -> call(ValueType.VECTOR, depth);
            case 5 -> "(" + vector(depth - 1) + ")";
            case 6 -> (random.nextBoolean() ? "-" : "+") + operand(ValueType.VECTOR, depth);
            case 7 -> operand(ValueType.VECTOR, depth) + " " + pick(ARITHMETIC) + " " + operand(ValueType.SCALAR, depth);
            default -> operand(ValueType.SCALAR, depth) + " " + pick(COMPARISONS) + " bool "
                    + operand(ValueType.VECTOR, depth);
        };
    }

    private String binary(int depth) {
        String op;
        boolean set = random.nextInt(4) == 0;
        if (set) {
            op = pick(SET);
        } else if (random.nextBoolean()) {
            op = pick(COMPARISONS) + (random.nextBoolean() ? " bool" : "");
        } else {
            op = pick(ARITHMETIC);
        }
        StringBuilder sb = new StringBuilder(op);
        boolean bareGroup = false;
        int matching = random.nextInt(4);
        if (matching > 0) {
            sb.append(random.nextBoolean() ? " on" : " ignoring").append(labels(LABELS));
            if (!set && matching == 3) {
                sb.append(random.nextBoolean() ? " group_left" : " group_right");
                if (random.nextBoolean()) {
                    sb.append(labels(INCLUDE));
                } else {
                    bareGroup = true;
                }
            }
        }
        if (!set && random.nextInt(4) == 0) {
            sb.append(switch (random.nextInt(3)) {
                case 0 -> " fill(" + pick(new String[] {"0", "-1", "1e6", "0.5"}) + ")";
                case 1 -> " fill_left(1) fill_right(2)";
                default -> " fill_right(-3)";
            });
        }
        String rhs = operand(ValueType.VECTOR, depth);
        if (bareGroup && rhs.startsWith("(")) {
            rhs = "+" + rhs; // a "(" right after group_left/group_right would open its label list
        }
        return operand(ValueType.VECTOR, depth) + " " + sb + " " + rhs;
    }

    private String aggregate(int depth) {
        String[] ops = {"sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk",
            "count_values", "quantile", "limitk", "limit_ratio", "SUM", "Max"};
        String op = pick(ops);
        String param = switch (op.toLowerCase(java.util.Locale.ROOT)) {
            case "topk", "bottomk", "quantile", "limitk", "limit_ratio" -> scalar(depth - 1) + ", ";
            case "count_values" -> pick(VALUES) + ", ";
            default -> "";
        };
        String grouping = random.nextBoolean() ? "" : (random.nextBoolean() ? " by" : " without") + labels(LABELS);
        String body = "(" + param + vector(depth - 1) + ")";
        return random.nextBoolean() ? op + grouping + " " + body : op + body + grouping;
    }

    private String call(ValueType returns, int depth) {
        List<Function> candidates = new ArrayList<>();
        for (Function f : functions) {
            if (f.returnType() == returns && !f.name().equals("info")) {
                candidates.add(f);
            }
        }
        Function f = candidates.get(random.nextInt(candidates.size()));
        List<String> args = new ArrayList<>();
        for (ValueType t : f.argTypes()) {
            args.add(expr(t, depth - 1));
        }
        if (f.variadic() != 0 && !args.isEmpty() && random.nextBoolean()) {
            args.remove(args.size() - 1);
        }
        return f.name() + "(" + String.join(", ", args) + ")";
    }

    private String matrix(int depth) {
        if (depth <= 0 || random.nextBoolean()) {
            String s = selector(false) + "[" + duration(true) + "]";
            if (random.nextInt(4) == 0) {
                s += random.nextBoolean() ? " anchored" : " smoothed";
            }
            return s + at() + offset();
        }
        String step = switch (random.nextInt(3)) {
            case 0 -> "";
            case 1 -> duration(true);
            default -> "step()";
        };
        return operand(ValueType.VECTOR, depth) + "[" + duration(true) + ":" + step + "]" + at() + offset();
    }

    private String selector(boolean modifiers) {
        StringBuilder sb = new StringBuilder();
        boolean named = random.nextInt(3) != 0;
        String name = pick(NAMES);
        boolean quoted = name.startsWith("\"");
        if (named && !quoted) {
            sb.append(name);
        }
        List<String> matchers = new ArrayList<>();
        if (named && quoted) {
            matchers.add(name);
        }
        int n = random.nextInt(3) + (named ? 0 : 1);
        for (int i = 0; i < n; i++) {
            String op = pick(new String[] {"=", "!=", "=~", "!~"});
            String value = op.equals("=") || !named && i == 0 ? "\"v" + i + "\"" : pick(VALUES);
            matchers.add(pick(LABELS) + (named || i > 0 ? op : "=") + value);
        }
        if (!matchers.isEmpty() || !named || quoted) {
            sb.append('{').append(String.join(", ", matchers)).append(random.nextBoolean() ? "" : ",").append('}');
        }
        if (modifiers) {
            if (random.nextInt(5) == 0) {
                sb.append(random.nextBoolean() ? " anchored" : " smoothed");
            }
            sb.append(at()).append(offset());
        }
        return sb.toString();
    }

    private String at() {
        return switch (random.nextInt(6)) {
            case 0 -> " @ " + pick(new String[] {"100", "1.5", "-3", "1e3"});
            case 1 -> " @ start()";
            case 2 -> " @ end()";
            default -> "";
        };
    }

    private String offset() {
        return switch (random.nextInt(6)) {
            case 0 -> " offset " + pick(DURATIONS);
            case 1 -> " offset -" + pick(DURATIONS);
            // Not "offset (d)": like Prometheus's, the printed form of that is followed by whatever operator came
            // next, which then belongs to the duration when parsed back.
            case 2 -> " offset -(" + duration(false) + ")";
            case 3 -> " offset " + pick(new String[] {"step()", "-range()", "max_of(5m, step())"});
            default -> "";
        };
    }

    /** A duration expression; {@code positive} keeps literals above zero as ranges need. */
    private String duration(boolean positive) {
        return switch (random.nextInt(7)) {
            case 0 -> pick(DURATIONS) + " * " + (1 + random.nextInt(3));
            case 1 -> "(" + pick(DURATIONS) + " + " + pick(DURATIONS) + ")";
            case 2 -> "step() * 2";
            case 3 -> "min_of(" + pick(DURATIONS) + ", range())";
            case 4 -> positive ? pick(DURATIONS) : "-" + pick(DURATIONS);
            default -> pick(DURATIONS);
        };
    }

    /** An operand of an operator: parenthesised unless atomic, so precedence cannot regroup it. */
    private String operand(ValueType type, int depth) {
        return depth - 1 <= 0 ? expr(type, 0) : "(" + expr(type, depth - 1) + ")";
    }

    /** " (a, b)": up to three names of the pool, possibly with a trailing comma. */
    private String labels(String[] pool) {
        List<String> names = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String name = pick(pool);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        String trailing = !names.isEmpty() && random.nextInt(4) == 0 ? "," : "";
        return " (" + String.join(", ", names) + trailing + ")";
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
