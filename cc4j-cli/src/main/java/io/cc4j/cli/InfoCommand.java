package io.cc4j.cli;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.cli.common.JsonOption;
import io.cc4j.engine.CpuInfo;
import io.cc4j.engine.EngineSupport;
import io.cc4j.engine.NativeCheck;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** {@code cc4j info}: the versions, the CPU and what the native engine's start-up check found. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the versions, the CPU and the engine's start-up check.",
            "That is: the cc4j, Java, DJL and PyTorch versions, the CPU and its relevant instruction sets, the engine's "
                    + "threads, and what the start-up check of the native engine found: the CPU cache sizes oneDNN "
                    + "uses (repaired where a hypervisor hides them), whether convolutions run on oneDNN, and the "
                    + "result of the convolution self-test.",
        },
        exitCodeList = {"0:printed"})
public final class InfoCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        Engine engine = EngineSupport.engine();
        NativeCheck check = EngineSupport.nativeCheck();
        CpuInfo cpu = CpuInfo.current();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("cc4j", new VersionProvider().getVersion()[0]);
        info.put("java", System.getProperty("java.version"));
        info.put("djl", Engine.getDjlVersion());
        info.put("pytorch", engine.getVersion());
        info.put("cpu", cpu.model());
        info.put("vendor", cpu.vendor());
        info.put("cores", cpu.cores());
        info.put("features", cpu.features());
        info.put("threads", EngineSupport.threads());
        info.put("onednn_caches", check.caches().state());
        info.put("onednn_caches_found", check.caches().found());
        info.put("onednn_caches_used", check.caches().used());
        info.put("onednn_caches_detail", check.caches().detail());
        info.put("onednn_convolution", check.oneDnnConvolution());
        info.put("self_test", check.selfTestFailure().orElse("passed"));
        PrintWriter out = spec.commandLine().getOut();
        if (json.json()) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(info));
            return 0;
        }
        out.printf("cc4j      %s%n", info.get("cc4j"));
        out.printf("engine    Java %s, DJL %s, PyTorch %s, %d intra-op threads%n", info.get("java"), info.get("djl"),
                info.get("pytorch"), EngineSupport.threads());
        out.printf("cpu       %s%n", cpu);
        out.printf("native    %s%n", check.summary());
        out.printf("          %s%n", check.caches().detail());
        return 0;
    }
}
