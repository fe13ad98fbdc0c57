/**
 * What the {@code cc4j} and {@code cc4j spark} command lines share: exit codes and the handler that maps
 * exceptions to them, the flag of each library field ({@link io.cc4j.cli.common.Flags}), the options several
 * commands take (mixins), and the binding of groups of library settings to options
 * ({@link io.cc4j.cli.common.SettingOptions}).
 */
package io.cc4j.cli.common;
