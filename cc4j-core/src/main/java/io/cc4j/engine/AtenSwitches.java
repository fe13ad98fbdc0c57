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
}
