package io.ignis.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.promql.ast.Expr;
import io.ignis.promql.ast.Prettier;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Print → parse on random type-correct queries: each parses, its printed form parses back to the same tree,
 * and so does its prettified form. Seeded: {@code -Dtests.seed=<n>} repeats a run.
 */
class RoundTripPropertyTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    @Test
    void printedAndPrettifiedFormsParseBack() {
        RandomQueries queries = new RandomQueries(new Random(SEED));
        for (int i = 0; i < 500; i++) {
            String query = queries.query();
            String context = "query <" + query + "> (rerun with -Dtests.seed=" + SEED + ")";
            Expr expr;
            try {
                expr = PromqlParser.parse(query, ParserOptions.all());
            } catch (ParseException e) {
                throw new AssertionError(context + ": " + e.getMessage(), e);
            }
            String printed = expr.toString();
            Expr reparsed = PromqlParser.parse(printed, ParserOptions.all());
            assertThat(Positions.strip(reparsed)).as(context).isEqualTo(Positions.strip(expr));
            Expr fromPretty = PromqlParser.parse(Prettier.pretty(expr, 40), ParserOptions.all());
            assertThat(Positions.strip(fromPretty)).as(context).isEqualTo(Positions.strip(expr));
        }
    }
}
