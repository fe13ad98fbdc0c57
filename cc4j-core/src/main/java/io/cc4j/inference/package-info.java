/** (being written) */
package io.cc4j.inference;
