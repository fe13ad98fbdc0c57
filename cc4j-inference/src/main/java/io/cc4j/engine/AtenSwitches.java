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
