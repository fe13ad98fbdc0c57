package io.cc4j.engine;

import com.fasterxml.jackson.annotation.JsonValue;
import io.cc4j.InvalidInputException;
import java.util.Locale;

/**
 * The number format convolutions and matrix products run in. Only fp32 is available: bf16 needs the engine to
 * hold bfloat16 tensors, and the PyTorch JNI of DJL 0.36 has no mapping for that type (a cast to it, or reading the
 * type of a tensor that has it, aborts the process), so it is refused up front with the reason rather than tried.
 */
public enum Precision {
    /** 32-bit floats everywhere. */
    FP32("fp32"),
    /** bfloat16 convolutions and matrix products with fp32 master weights, statistics and losses. */
    BF16("bf16");

    private final String id;

    Precision(String id) {
        this.id = id;
    }

    /** @return the lower-case name used on the command line and in files */
    @JsonValue
    public String id() {
        return id;
    }

    /**
     * @param text fp32 or bf16, any case
     * @return the precision
     * @throws InvalidInputException naming the value when it is neither
     */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.id.equals(text.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new InvalidInputException("unknown precision '" + text + "' (--precision fp32|bf16)");
    }

    /**
     * Checks that this precision can run here.
     *
     * @param cpu the machine's CPU
     * @return this precision
     * @throws InvalidInputException for bf16, saying whether the CPU has it and why cc4j cannot use it
     */
    public Precision requireAvailable(CpuInfo cpu) {
        if (this == FP32) {
            return this;
        }
        String hardware = cpu.hasBf16()
                ? "this CPU has bf16 instructions (" + String.join(", ", cpu.features().stream()
                        .filter(f -> f.contains("bf16")).toList()) + ")"
                : "this CPU reports no bf16 instructions (avx512_bf16 or amx_bf16) either";
        throw new InvalidInputException("--precision bf16 is not available: " + hardware + ", but the PyTorch"
                + " engine of DJL " + ai.djl.engine.Engine.getDjlVersion() + " cannot hold bfloat16 tensors (its JNI has no"
                + " mapping for the type), so cc4j computes in fp32. Use --precision fp32 (the default).");
    }
}
