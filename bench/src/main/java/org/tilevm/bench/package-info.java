/**
 * Benchmarks (not yet written): JMH benchmarks of the JVM backend against scalar and hand-written
 * Vector API baselines, and a GPU harness with device timers; results go to {@code bench/results/}.
 */
package org.tilevm.bench;
