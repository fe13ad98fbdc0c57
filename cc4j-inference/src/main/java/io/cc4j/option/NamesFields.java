package io.cc4j.option;

/** An exception whose message names fields of the library's configuration, so that a front end may rename them. */
public interface NamesFields {
    /** @return the message, or null when it names no field */
    FieldMessage fieldMessage();
}
