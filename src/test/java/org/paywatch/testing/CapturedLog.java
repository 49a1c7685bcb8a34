package org.paywatch.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every line logged under a logger name (and its children) at every level while open, with the
 * stack traces: for tests that check what a log line may say.
 */
public final class CapturedLog implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context;
    private final String loggerName;
    private final LoggerConfig added;
    private final AbstractAppender appender;

    private CapturedLog(String loggerName) {
        this.context = (LoggerContext) LogManager.getContext(false);
        this.loggerName = loggerName;
        this.appender = new AbstractAppender("captured-" + loggerName, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " - "
                        + event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append('\n').append(trace);
                }
                lines.add(line.toString());
            }
        };
        appender.start();
        Configuration config = context.getConfiguration();
        // A logger config of its own at ALL, so that debug lines are checked too, and not additive,
        // so that they do not flood the console. The name must not have a config of its own already.
        this.added = new LoggerConfig(loggerName, Level.ALL, false);
        added.addAppender(appender, Level.ALL, null);
        config.addLogger(loggerName, added);
        context.updateLoggers();
    }

    /** Starts capturing what {@code loggerName} and the loggers under it log. */
    public static CapturedLog of(String loggerName) {
        return new CapturedLog(loggerName);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        context.getConfiguration().removeLogger(loggerName);
        context.updateLoggers();
        appender.stop();
    }
}
