/** {@code cc4j bench serve}: the server measured under closed-loop load on loopback, against in-process throughput. */
package io.cc4j.serve.bench;
