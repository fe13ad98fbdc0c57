/** (being written) */
package io.cc4j.model.store;
