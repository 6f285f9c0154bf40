package io.ignis.promql.promqltest;

import io.ignis.promql.engine.QueryParser;
import io.ignis.promql.parser.ParserOptions;
import io.ignis.promql.parser.PromqlParser;

/** The PromQL parser with every experimental syntax enabled, as the scripts require (README §5.1). */
final class ScriptQueryParser {
    private ScriptQueryParser() {
    }

    static QueryParser find() {
        ParserOptions options = ParserOptions.all();
        return query -> PromqlParser.parse(query, options);
    }
}
