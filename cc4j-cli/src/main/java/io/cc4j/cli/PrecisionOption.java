package io.cc4j.cli;

import io.cc4j.engine.CpuInfo;
import io.cc4j.engine.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code --precision fp32|bf16}, shared by the commands that run the network; checked before any work. */
final class PrecisionOption {
    @Option(names = "--precision", paramLabel = "fp32|bf16", defaultValue = "fp32", converter = Parse.class,
            description = "Number format of convolutions and matrix products. bf16 is refused with the reason:"
                    + " DJL's PyTorch JNI cannot hold bfloat16 tensors. Default: fp32.")
    Precision precision = Precision.FP32;

    /**
     * @return the precision, available on this machine
     * @throws io.cc4j.InvalidInputException (exit 2) when it is not
     */
    Precision require() {
        return precision.requireAvailable(CpuInfo.current());
    }

    /** Parses the option's value. */
    static final class Parse implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            return Precision.parse(value);
        }
    }
}
