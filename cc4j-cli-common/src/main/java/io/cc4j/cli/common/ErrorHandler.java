package io.cc4j.cli.common;

import io.cc4j.InvalidInputException;
import io.cc4j.inference.MissingCentroidsException;
import io.cc4j.io.CannotWriteException;
import io.cc4j.option.NamesFields;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import picocli.CommandLine;

/**
 * Maps what a command throws to an exit code and a message on stderr, and says the library's messages the
 * command line's way: a setting is named by its flag ({@code --lr must be > 0, got -1.0}), and a typed library
 * exception gets the command line's hint (e.g. the command that continues an existing run).
 *
 * <p>An output that cannot be written exits {@link ExitCodes#CANNOT_WRITE}; bad input, anywhere in the chain of
 * causes, {@link ExitCodes#BAD_INPUT}; anything else is an internal failure, {@link ExitCodes#FAILURE}, with its
 * stack trace.
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private final String program;
    private final List<Class<? extends Throwable>> badInput;
    private final List<Hint<?>> hints;
    private final String outOfMemoryHint;

    private ErrorHandler(Builder b) {
        this.program = b.program;
        this.badInput = List.copyOf(b.badInput);
        this.hints = List.copyOf(b.hints);
        this.outOfMemoryHint = b.outOfMemoryHint;
    }

    /**
     * @param program the name messages start with, e.g. {@code cc4j}
     * @return a builder that treats {@link InvalidInputException} as bad input and adds the hints every cc4j
     *     command line gives
     */
    public static Builder builder(String program) {
        return new Builder(program).hint(MissingCentroidsException.class, (e, failed) -> "run 'cc4j cluster --model "
                + e.run() + " --method kmeans --on " + e.feature().name().toLowerCase(java.util.Locale.ROOT)
                + "' first");
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine failed, CommandLine.ParseResult parsed) {
        PrintWriter err = failed.getErr();
        Throwable cannotWrite = find(ex, List.of(CannotWriteException.class));
        if (cannotWrite != null) {
            err.println(program + ": error: " + cannotWrite.getMessage());
            err.flush();
            return ExitCodes.CANNOT_WRITE;
        }
        Throwable bad = find(ex, badInput);
        if (bad != null) {
            err.println(program + ": error: " + message(bad, failed));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        Throwable oom = find(ex, List.of(OutOfMemoryError.class));
        if (oom != null && outOfMemoryHint != null) {
            err.println(outOfMemory((OutOfMemoryError) oom));
            err.flush();
            return ExitCodes.FAILURE;
        }
        err.println(program + ": internal error: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return ExitCodes.FAILURE;
    }

    /** @return what the program says about running out of memory */
    public String outOfMemory(OutOfMemoryError e) {
        return program + ": internal error: out of memory (" + e.getMessage() + ")"
                + (outOfMemoryHint == null ? "" : "; " + outOfMemoryHint);
    }

    /** The library's message the command line's way: settings named by their flags, and the hints that apply. */
    String message(Throwable bad, CommandLine failed) {
        String text = bad instanceof NamesFields n && n.fieldMessage() != null ? n.fieldMessage().with(Flags::of)
                : bad.getMessage();
        for (Hint<?> h : hints) {
            String hint = h.apply(bad, failed);
            if (hint != null) {
                text += "; " + hint;
            }
        }
        return text;
    }

    private static Throwable find(Throwable ex, List<Class<? extends Throwable>> types) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }

    /** A hint for one type of exception. */
    private record Hint<E extends Throwable>(Class<E> type, BiFunction<E, CommandLine, String> text) {
        String apply(Throwable t, CommandLine failed) {
            return type.isInstance(t) ? text.apply(type.cast(t), failed) : null;
        }
    }

    /** Configures an {@link ErrorHandler}. */
    public static final class Builder {
        private final String program;
        private final List<Class<? extends Throwable>> badInput = new ArrayList<>(List.of(InvalidInputException.class));
        private final List<Hint<?>> hints = new ArrayList<>();
        private String outOfMemoryHint;

        private Builder(String program) {
            this.program = program;
        }

        /** Also treats {@code type} as the user's mistake (exit 2), e.g. a Spark {@code AnalysisException}. */
        public Builder badInput(Class<? extends Throwable> type) {
            badInput.add(type);
            return this;
        }

        /**
         * @param type a library exception
         * @param text the hint the command line adds to its message, given the exception and the command that
         *     failed, or null for none
         * @return this
         */
        public <E extends Throwable> Builder hint(Class<E> type, BiFunction<E, CommandLine, String> text) {
            hints.add(new Hint<>(type, text));
            return this;
        }

        /** What to advise when the JVM runs out of memory (without it, that is an internal error like any other). */
        public Builder outOfMemoryHint(String advice) {
            this.outOfMemoryHint = advice;
            return this;
        }

        /** @return the handler */
        public ErrorHandler build() {
            return new ErrorHandler(this);
        }
    }
}
