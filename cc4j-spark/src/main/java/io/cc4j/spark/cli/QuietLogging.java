package io.cc4j.spark.cli;

import java.net.URISyntaxException;
import java.net.URL;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.DefaultConfiguration;

/**
 * Under {@code spark-submit} Spark logs at INFO to stderr unless a log4j configuration says otherwise: dozens of
 * lines a second that bury cc4j's own. When the user has configured no logging (no {@code log4j2.configurationFile},
 * no {@code log4j2.properties} in {@code SPARK_CONF_DIR}), {@code cc4j spark} applies the launcher's configuration
 * instead ({@code log4j2-cli.properties}): Spark's warnings and errors, cc4j's own messages at {@code INFO}
 * ({@code CC4J_LOG_LEVEL} or {@code -Dcc4j.log.level} to change). {@code --conf spark.log.level=INFO} brings all of
 * Spark's messages back, as Spark applies that setting when it starts.
 */
final class QuietLogging {
    static final String RESOURCE = "/io/cc4j/spark/log4j2-cli.properties";

    private QuietLogging() {
    }

    /** Applies the launcher's logging unless log4j was configured. */
    static void unlessConfigured() {
        if (System.getProperty("log4j2.configurationFile") != null
                || System.getProperty("log4j.configurationFile") != null) {
            return;
        }
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            return; // another log4j implementation: none of ours to change
        }
        if (!isDefault(context.getConfiguration())) {
            return;
        }
        URL ours = QuietLogging.class.getResource(RESOURCE);
        if (ours == null) {
            return;
        }
        try {
            context.setConfigLocation(ours.toURI());
        } catch (URISyntaxException e) {
            // stays as it was
        }
    }

    /** @return whether the configuration is log4j's fallback or the default Spark installs when there is none */
    static boolean isDefault(Configuration c) {
        if (c instanceof DefaultConfiguration) {
            return true;
        }
        ConfigurationSource source = c.getConfigurationSource();
        String location = source == null ? null : source.getLocation();
        return location != null && location.replace('\\', '/').endsWith("org/apache/spark/log4j2-defaults.properties");
    }
}
