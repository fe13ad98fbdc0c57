package io.cc4j.engine;

/** Prints the native check of a fresh JVM, for tests that need another environment than their own. */
public final class NativeCheckMain {
    private NativeCheckMain() {
    }

    /** Prints the state of the caches, whether convolutions run on oneDNN, and the self-test's failure or "passed". */
    public static void main(String[] args) {
        NativeCheck check = EngineSupport.nativeCheck();
        System.out.println("caches=" + check.caches().state());
        System.out.println("onednn=" + check.oneDnnConvolution());
        System.out.println("selftest=" + check.selfTestFailure().orElse("passed"));
    }
}
