package io.cc4j.engine;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Process-wide switches of ATen (libtorch's operator library) that DJL does not expose, called through their
 * exported C++ symbols.
 */
final class AtenSwitches {
    private static final String CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_MKLDNN = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String NNPACK_AVAILABLE = "_ZN2at6native17_nnpack_availableEv";
    private static final String SET_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";
    /** c10's logging threshold (0 INFO, 1 WARNING, 2 ERROR, 3 FATAL), an exported {@code int}. */
    private static final String LOG_LEVEL = "FLAGS_caffe2_log_level";
    private static final int C10_ERROR = 2;

    private AtenSwitches() {
    }

    /**
     * Routes convolutions to ATen's own kernels instead of oneDNN's, as {@code torch.backends.mkldnn.enabled =
     * False} does in Python. Slower (2 to 5 times for ResNet training steps), but independent of oneDNN.
     *
     * @param library the loaded libtorch_cpu.so
     */
    static void disableOneDnnConvolution(LoadedLibrary library) {
        NativeLibrary lib = NativeLibrary.getInstance(library.file().toString());
        Pointer context = lib.getFunction(CONTEXT).invokePointer(new Object[0]);
        lib.getFunction(SET_MKLDNN).invokeVoid(new Object[] {context, Boolean.FALSE});
    }

    /**
     * Whether NNPACK (ATen's kernels for small-batch convolutions) initialises on this CPU. When it does not,
     * ATen still tries it on every such convolution, logs a warning and falls back to its own kernels.
     *
     * @param library the loaded libtorch_cpu.so
     * @return true if NNPACK can run here
     */
    static boolean nnpackAvailable(LoadedLibrary library) {
        NativeLibrary lib = NativeLibrary.getInstance(library.file().toString());
        // A C++ bool comes back in the low byte only; the rest of the register is not defined.
        return (lib.getFunction(NNPACK_AVAILABLE).invokeInt(new Object[0]) & 0xFF) != 0;
    }

    /**
     * {@link #nnpackAvailable} without the warning ATen prints on stderr when NNPACK cannot initialise ("Could not
     * initialize NNPACK! Reason: Unsupported hardware."). ATen asks once per process, on the first convolution or on
     * this call, whichever comes first, and c10 logs the answer at WARNING, its default threshold. Here c10's
     * threshold ({@code FLAGS_caffe2_log_level}) is raised to ERROR for this one call and put back right after, so a
     * host program's logging stays as it was and only this warning, which would say nothing a caller can act on
     * (ATen computes the same without NNPACK), is not printed. Where the host set {@code TORCH_CPP_LOG_LEVEL} it asked
     * for libtorch's own logging, and the warning is left alone.
     *
     * @param library the loaded libtorch_cpu.so (libc10.so is loaded beside it)
     * @return true if NNPACK can run here
     */
    static boolean nnpackAvailableQuietly(LoadedLibrary library) {
        return nnpackAvailableQuietly(library, System.getenv("TORCH_CPP_LOG_LEVEL") != null);
    }

    /** As {@link #nnpackAvailableQuietly(LoadedLibrary)}; {@code hostSetLogLevel} stands for the environment. */
    static boolean nnpackAvailableQuietly(LoadedLibrary library, boolean hostSetLogLevel) {
        Pointer level = hostSetLogLevel ? null : logLevel(library);
        if (level == null) {
            return nnpackAvailable(library);
        }
        int before = level.getInt(0);
        level.setInt(0, Math.max(before, C10_ERROR));
        try {
            return nnpackAvailable(library);
        } finally {
            level.setInt(0, before);
        }
    }

    /**
     * @param library the loaded libtorch_cpu.so
     * @return the address of c10's logging threshold, or null where libc10.so is not beside it or has no such flag
     *     (a libtorch built with glog)
     */
    static Pointer logLevel(LoadedLibrary library) {
        java.nio.file.Path c10 = library.file().resolveSibling("libc10.so");
        if (!java.nio.file.Files.isRegularFile(c10)) {
            return null;
        }
        try {
            return NativeLibrary.getInstance(c10.toString()).getGlobalVariableAddress(LOG_LEVEL);
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }

    /**
     * Stops ATen from trying NNPACK, as {@code torch.backends.nnpack.set_flags(False)} does: used only where
     * NNPACK cannot initialise, so the computation does not change, only the warnings stop.
     *
     * @param library the loaded libtorch_cpu.so
     */
    static void disableNnpack(LoadedLibrary library) {
        NativeLibrary lib = NativeLibrary.getInstance(library.file().toString());
        Pointer context = lib.getFunction(CONTEXT).invokePointer(new Object[0]);
        lib.getFunction(SET_NNPACK).invokeVoid(new Object[] {context, Boolean.FALSE});
    }

    /**
     * Applies {@code TORCH_CPP_LOG_LEVEL} (e.g. {@code ERROR}) to libtorch's C++ logging, as PyTorch does when
     * Python imports it; a C++ host such as DJL never asks, so the variable would otherwise be ignored.
     *
     * @param library the loaded libtorch_cpu.so (libc10.so is loaded beside it)
     */
    static void applyLogLevel(LoadedLibrary library) {
        java.nio.file.Path c10 = library.file().resolveSibling("libc10.so");
        if (java.nio.file.Files.isRegularFile(c10)) {
            NativeLibrary.getInstance(c10.toString()).getFunction("_ZN3c1011initLoggingEv").invokeVoid(new Object[0]);
        }
    }
}
