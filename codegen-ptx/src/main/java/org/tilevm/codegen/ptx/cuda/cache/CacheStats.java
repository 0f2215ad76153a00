package org.tilevm.codegen.ptx.cuda.cache;

/**
 * Counters of one {@link KernelCache} instance since it was created (for tests, {@code gpu-check}
 * and benchmark reports).
 *
 * @param diskHits      valid entries read
 * @param compiles      compilations run by {@link KernelCache#getOrCompile}
 * @param joins         calls that waited for a compilation already running in this process
 * @param corrupt       entries found truncated or corrupt (each deleted and rebuilt)
 * @param writeFailures entries that could not be stored (the image was still returned)
 * @param evicted       entries deleted to keep the cache under its size cap
 */
public record CacheStats(long diskHits, long compiles, long joins, long corrupt, long writeFailures, long evicted) {}
