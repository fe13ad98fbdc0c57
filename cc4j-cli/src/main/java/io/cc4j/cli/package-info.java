/** The {@code cc4j} command-line tool: picocli commands that parse options and call the library. */
package io.cc4j.cli;
