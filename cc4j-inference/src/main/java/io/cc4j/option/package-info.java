/**
 * Options declared once: a {@link io.cc4j.option.Setting} holds an option's field name, JSON key, type, default,
 * documentation and validation; {@link io.cc4j.option.SettingGroup}s gather them by concern, and
 * {@link io.cc4j.option.Settings} holds, checks and reads and writes their values. Library messages name a setting
 * by its field ({@link io.cc4j.option.InvalidSettingException}); a command line names it by its own flags.
 */
package io.cc4j.option;
