package io.ignis.server.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Found by Logback through {@code META-INF/services}: logfmt at info on standard error until the flags are read,
 * and no search for {@code logback.xml} on the class path, so a stray file in a dependency cannot change logging.
 */
public final class DefaultLogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LogSetup.configure(context, "info", "logfmt");
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
