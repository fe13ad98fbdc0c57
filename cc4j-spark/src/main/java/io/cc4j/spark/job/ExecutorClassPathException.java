package io.cc4j.spark.job;

import io.cc4j.InvalidInputException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark job failed because its executors could not load cc4j's classes: Spark did not give them the jar that
 * holds cc4j (by {@code spark.jars}, or at a path every node has by {@code spark.executor.extraClassPath}). Spark
 * itself reports it in words that say nothing of the cause, such as {@code ClassCastException: cannot assign
 * instance of java.lang.invoke.SerializedLambda to field ...MapPartitionsExec.func}; this exception names the
 * setting and the jar instead. Bad input (the deployment's), not a fault of cc4j.
 */
public final class ExecutorClassPathException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** What Spark's task failures say when an executor's class path lacks cc4j or the libraries it carries. */
    private static final List<String> SIGNS = List.of(
            "cannot assign instance of java.lang.invoke.SerializedLambda",
            "ClassNotFoundException: io.cc4j.", "NoClassDefFoundError: io/cc4j/",
            "ClassNotFoundException: ai.djl.", "NoClassDefFoundError: ai/djl/");

    private static final java.util.regex.Pattern EXCEPTION_NAME = java.util.regex.Pattern.compile(
            "(?:[A-Za-z_$][\\w$]*\\.)*[A-Za-z_$][\\w$]*(?:Exception|Error): ");

    private ExecutorClassPathException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Runs a part of a job that runs tasks, turning a failure to load cc4j's classes on the executors into an
     * {@link ExecutorClassPathException}.
     *
     * @param spark the session
     * @param part the work
     * @param <T> its result
     * @return its result
     */
    static <T> T explained(SparkSession spark, java.util.function.Supplier<T> part) {
        try {
            return part.get();
        } catch (Exception e) { // Spark's SparkException is a checked exception, thrown unchecked from Scala
            String sign = sign(e);
            if (sign == null) {
                throw ExecutorClassPathException.<RuntimeException>rethrow(e);
            }
            throw new ExecutorClassPathException(message(sign, spark.sparkContext().getConf().get("spark.jars", ""),
                    spark.sparkContext().getConf().get("spark.executor.extraClassPath", ""), cc4jJar()), e);
        }
    }

    /** Throws {@code e} as it is, checked or not. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception e) throws E {
        throw (E) e;
    }

    /**
     * @param e a failure
     * @return the line of its messages (causes included) that shows a class cc4j needs missing on an executor,
     *     or null
     */
    static String sign(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.toString();
            for (String line : text.split("\n")) {
                for (String s : SIGNS) {
                    int at = line.indexOf(s);
                    if (at >= 0) {
                        // From the exception's class name on: "java.lang.ClassCastException: cannot assign ..."
                        int start = at;
                        java.util.regex.Matcher m = EXCEPTION_NAME.matcher(line);
                        while (m.find() && m.start() <= at) {
                            start = m.start();
                        }
                        String from = line.substring(start).trim();
                        return from.length() > 240 ? from.substring(0, 240) + "..." : from;
                    }
                }
            }
        }
        return null;
    }

    /**
     * @param sign what Spark reported
     * @param jars the value of {@code spark.jars}
     * @param extraClassPath the value of {@code spark.executor.extraClassPath}
     * @param jar the jar (or directory) that holds cc4j's classes in this JVM
     * @return the message
     */
    static String message(String sign, String jars, String extraClassPath, String jar) {
        String given = jars.isBlank() ? "Spark's setting spark.jars, the jars shipped to every executor, is empty"
                : "Spark's setting spark.jars, the jars shipped to every executor, is '" + jars + "'";
        String extra = extraClassPath.isBlank() ? "" : " and spark.executor.extraClassPath is '" + extraClassPath + "'";
        return "the executors cannot load cc4j's classes (" + sign + "): " + given + extra + "; it must list the jar"
                + " that holds cc4j, " + jar + " (leave spark.jars unset and cc4j sets it), or"
                + " spark.executor.extraClassPath must name that jar at a path every node has";
    }

    /** @return the jar (or classes directory) this JVM loaded cc4j's Spark classes from */
    static String cc4jJar() {
        CodeSource source = ExecutorClassPathException.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "cc4j-spark-all.jar";
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString().toLowerCase(Locale.ROOT).startsWith("file:")
                    ? source.getLocation().getPath() : source.getLocation().toString();
        }
    }
}
