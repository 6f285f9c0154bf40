package io.ignis.promql.promqltest;

import io.ignis.promql.engine.Engine;
import io.ignis.promql.engine.EngineOptions;
import io.ignis.promql.engine.QueryParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs one parsed script: commands in file order against one storage, each eval judged by
 * {@link EvalRunner}. Produces one outcome per eval, in file order.
 */
final class ScriptRunner {
    /** The outcome of one eval: null failure means it passed. */
    record Outcome(String name, String failure) {
    }

    /** The engine settings the scripts assume (README §5.3). */
    static EngineOptions testOptions() {
        return EngineOptions.defaults().withMaxSamples(10_000).withTimeout(100_000).withFeatures(Set.of(
                "promql-delayed-name-removal", "promql-experimental-functions", "promql-extended-range-selectors",
                "promql-binop-fill-modifiers", "use-start-timestamps"));
    }

    static List<Outcome> run(List<Command> commands, QueryParser parser) {
        Engine engine = new Engine(testOptions(), parser);
        EvalRunner evals = new EvalRunner(engine, parser);
        TestStorage storage = new TestStorage();
        List<Outcome> out = new ArrayList<>();
        String loadError = null;
        for (Command c : commands) {
            if (c instanceof Command.Clear) {
                storage = new TestStorage();
                loadError = null;
            } else if (c instanceof Command.Load load) {
                try {
                    ScriptLoader.load(storage, load);
                } catch (RuntimeException e) {
                    loadError = "load at line " + load.line() + " failed: " + e.getMessage();
                }
            } else if (c instanceof EvalCommand eval) {
                String failure;
                if (loadError != null) {
                    failure = loadError;
                } else {
                    try {
                        failure = evals.run(eval, storage);
                    } catch (RuntimeException e) {
                        failure = "runner crashed: " + e;
                    }
                }
                out.add(new Outcome(eval.name(), failure));
            }
        }
        return out;
    }
}
