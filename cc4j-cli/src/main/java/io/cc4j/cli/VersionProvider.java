package io.cc4j.cli;

import picocli.CommandLine;

/** Reports the cc4j version and the engine it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Cc4jCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "cc4j " + (v == null ? "development build" : v),
            "Java " + System.getProperty("java.version") + ", DJL 0.36.0 with PyTorch 2.7.1 (CPU)"
        };
    }
}
