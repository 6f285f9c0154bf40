package io.ignis.promql.parser;

import io.ignis.labels.Matcher;
import io.ignis.promql.ast.AggregateExpr;
import io.ignis.promql.ast.AggregateOp;
import io.ignis.promql.ast.BinaryExpr;
import io.ignis.promql.ast.Call;
import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.Function;
import io.ignis.promql.ast.MatrixSelector;
import io.ignis.promql.ast.ParenExpr;
import io.ignis.promql.ast.PositionRange;
import io.ignis.promql.ast.StepInvariantExpr;
import io.ignis.promql.ast.SubqueryExpr;
import io.ignis.promql.ast.UnaryExpr;
import io.ignis.promql.ast.ValueType;
import io.ignis.promql.ast.VectorMatchCardinality;
import io.ignis.promql.ast.VectorMatching;
import io.ignis.promql.ast.VectorSelector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Type-checks a built tree in the order of Prometheus's {@code checkAST}, with its messages, and returns the
 * tree with what the check settles: set operators match many-to-many, vector matching is dropped when a side
 * is a scalar, and the second argument of {@code info()} may match the empty string.
 */
final class Checker {
    private final byte[] query;
    private final List<ParseError> errors;

    Checker(String query, List<ParseError> errors) {
        this.query = query.getBytes(StandardCharsets.UTF_8);
        this.errors = errors;
    }

    private void error(PositionRange r, String message) {
        errors.add(new ParseError(r, message));
    }

    Expr check(Expr node) {
        if (node instanceof AggregateExpr e) {
            return aggregate(e);
        } else if (node instanceof BinaryExpr e) {
            return binary(e);
        } else if (node instanceof Call e) {
            return call(e);
        } else if (node instanceof ParenExpr e) {
            return new ParenExpr(check(e.expr()), e.positionRange());
        } else if (node instanceof UnaryExpr e) {
            Expr operand = check(e.expr());
            ValueType t = operand.type();
            if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
                error(e.positionRange(), "unary expression only allowed on expressions of type scalar or instant "
                        + "vector, got " + GoQuote.string(t.documentedName()));
            }
            return new UnaryExpr(e.op(), operand, e.positionRange());
        } else if (node instanceof SubqueryExpr e) {
            Expr inner = check(e.expr());
            if (inner.type() != ValueType.VECTOR) {
                error(e.positionRange(), "subquery is only allowed on instant vector, got " + inner.type()
                        + " instead");
            }
            return new SubqueryExpr(inner, e.range(), e.rangeExpr(), e.step(), e.stepExpr(), e.originalOffset(),
                    e.originalOffsetExpr(), e.at(), e.positionRange());
        } else if (node instanceof MatrixSelector e) {
            check(e.vectorSelector());
            return e;
        } else if (node instanceof VectorSelector e) {
            selector(e);
            return e;
        } else if (node instanceof StepInvariantExpr e) {
            return new StepInvariantExpr(check(e.expr()));
        }
        return node;
    }

    private Expr expectType(Expr node, ValueType want, String context) {
        Expr checked = check(node);
        if (checked.type() != want) {
            error(node.positionRange(), "expected type " + want.documentedName() + " in " + context + ", got "
                    + checked.type().documentedName());
        }
        return checked;
    }

    private Expr aggregate(AggregateExpr e) {
        Expr inner = expectType(e.expr(), ValueType.VECTOR, "aggregation expression");
        Expr param = e.param();
        AggregateOp op = e.op();
        if (op == AggregateOp.TOPK || op == AggregateOp.BOTTOMK || op == AggregateOp.QUANTILE
                || op == AggregateOp.LIMITK || op == AggregateOp.LIMIT_RATIO) {
            param = expectType(param, ValueType.SCALAR, "aggregation parameter");
        } else if (op == AggregateOp.COUNT_VALUES) {
            param = expectType(param, ValueType.STRING, "aggregation parameter");
        }
        return new AggregateExpr(op, inner, param, e.grouping(), e.without(), e.positionRange());
    }

    private Expr binary(BinaryExpr e) {
        Expr lhs = check(e.lhs());
        Expr rhs = check(e.rhs());
        ValueType lt = lhs.type();
        ValueType rt = rhs.type();
        VectorMatching vm = e.matching();
        if (e.returnBool() && !e.op().isComparison()) {
            error(operatorRange(e), "bool modifier can only be used on comparison operators");
        }
        if (e.op().isComparison() && !e.returnBool() && rt == ValueType.SCALAR && lt == ValueType.SCALAR) {
            error(operatorRange(e), "comparisons between scalars must use BOOL modifier");
        }
        if (e.op().isSetOperator() && vm.card() == VectorMatchCardinality.ONE_TO_ONE) {
            vm = new VectorMatching(VectorMatchCardinality.MANY_TO_MANY, vm.matchingLabels(), vm.on(), vm.include(),
                    vm.fill());
        }
        for (String l1 : vm.matchingLabels()) {
            for (String l2 : vm.include()) {
                if (l1.equals(l2) && vm.on()) {
                    error(operatorRange(e), "label " + GoQuote.string(l1) + " must not occur in ON and GROUP clause "
                            + "at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
            error(lhs.positionRange(), "binary expression must contain only scalar and instant vector types");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
            error(rhs.positionRange(), "binary expression must contain only scalar and instant vector types");
        }
        if (lt != ValueType.VECTOR || rt != ValueType.VECTOR) {
            if (!vm.matchingLabels().isEmpty()) {
                error(e.positionRange(), "vector matching only allowed between instant vectors");
            }
            if (!vm.fill().isEmpty()) {
                error(e.positionRange(), "filling in missing series only allowed between instant vectors");
            }
            vm = null;
        } else if (e.op().isSetOperator()) {
            if (vm.card() == VectorMatchCardinality.ONE_TO_MANY || vm.card() == VectorMatchCardinality.MANY_TO_ONE) {
                error(e.positionRange(), "no grouping allowed for " + GoQuote.string(e.op().symbol()) + " operation");
            }
            if (vm.card() != VectorMatchCardinality.MANY_TO_MANY) {
                error(e.positionRange(), "set operations must always be many-to-many");
            }
            if (!vm.fill().isEmpty()) {
                error(e.positionRange(), "filling in missing series not allowed for set operators");
            }
        }
        if ((lt == ValueType.SCALAR || rt == ValueType.SCALAR) && e.op().isSetOperator()) {
            error(e.positionRange(), "set operator " + GoQuote.string(e.op().symbol())
                    + " not allowed in binary scalar expression");
        }
        return new BinaryExpr(e.op(), lhs, rhs, vm, e.returnBool());
    }

    /** The operator's position: between the operands, without surrounding whitespace. */
    private PositionRange operatorRange(BinaryExpr e) {
        int start = e.lhs().positionRange().end();
        while (start < query.length && Lexer.isSpace(query[start])) {
            start++;
        }
        int end = e.rhs().positionRange().start() - 1;
        while (end > 0 && Lexer.isSpace(query[end])) {
            end--;
        }
        return new PositionRange(start, end);
    }

    private Expr call(Call e) {
        Function fn = e.function();
        int nargs = fn.argTypes().size();
        int given = e.args().size();
        if (fn.variadic() == 0) {
            if (nargs != given) {
                error(e.positionRange(), "expected " + nargs + " argument(s) in call to " + GoQuote.string(fn.name())
                        + ", got " + given);
            }
        } else {
            int na = nargs - 1;
            if (na > given) {
                error(e.positionRange(), "expected at least " + na + " argument(s) in call to "
                        + GoQuote.string(fn.name()) + ", got " + given);
            } else if (fn.variadic() > 0 && na + fn.variadic() < given) {
                error(e.positionRange(), "expected at most " + (na + fn.variadic()) + " argument(s) in call to "
                        + GoQuote.string(fn.name()) + ", got " + given);
            }
        }
        List<Expr> args = new ArrayList<>(e.args());
        if (fn.name().equals("info") && args.size() > 1) {
            info(e, args);
        }
        for (int i = 0; i < args.size(); i++) {
            int typeIndex = i;
            if (i >= nargs) {
                if (fn.variadic() == 0) {
                    break;
                }
                typeIndex = nargs - 1;
            }
            Expr arg = check(args.get(i));
            args.set(i, arg);
            ValueType want = fn.argTypes().get(typeIndex);
            if (arg.type() != want) {
                error(arg.positionRange(), "expected type " + want.documentedName() + " in call to function "
                        + GoQuote.string(fn.name()) + ", got " + arg.type().documentedName());
            }
        }
        return new Call(fn, args, e.positionRange());
    }

    private void info(Call e, List<Expr> args) {
        Expr second = args.get(1);
        if (second.type() != ValueType.VECTOR) {
            error(e.positionRange(), "expected type instant vector in call to function \"info\", got "
                    + second.type().documentedName());
        }
        if (second instanceof VectorSelector vs && !vs.name().isEmpty()) {
            error(second.positionRange(), "expected label selectors only, got vector selector instead");
        } else if (second instanceof VectorSelector vs) {
            args.set(1, vs.withBypassEmptyMatcherCheck(true));
        } else {
            error(second.positionRange(), "expected label selectors only");
        }
    }

    private void selector(VectorSelector e) {
        List<Matcher> matchers = e.matchers();
        if (!e.name().isEmpty()) {
            for (int i = 0; i < matchers.size() - 1; i++) {
                Matcher m = matchers.get(i);
                if (m.name().equals("__name__")) {
                    error(e.positionRange(), "metric name must not be set twice: " + GoQuote.string(e.name())
                            + " or " + GoQuote.string(m.value()));
                }
            }
            return;
        }
        if (e.bypassEmptyMatcherCheck()) {
            return;
        }
        for (Matcher m : matchers) {
            if (!m.matchesEmpty()) {
                return;
            }
        }
        error(e.positionRange(), "vector selector must contain at least one non-empty matcher");
    }
}
