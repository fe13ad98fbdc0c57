/**
 * {@code cc4j serve}: online cluster assignment over HTTP. {@link io.cc4j.serve.ClusterServer} serves a trained run
 * through {@link io.cc4j.inference.ClusterPredictor} with dynamic batching ({@link io.cc4j.inference.DynamicBatcher}),
 * on Javalin 7 and Jetty 12, with Prometheus metrics, a bearer token, and a page to try it in a browser.
 */
package io.cc4j.serve;
