package org.tilevm.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's streaming read bandwidth as a Java program sees it, the roofline for the
 * memory-bound quantized GEMV: sums (vector XOR) a native buffer of four times the last-level cache,
 * split into one contiguous chunk per task on the common pool, like the GEMV's row ranges. Time per
 * pass over the buffer; GB/s = buffer bytes / time (the setup line prints the buffer size).
 * Run with plain JMH: {@code java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main StreamReadBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class StreamReadBench {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;

    /** Tasks per pass: 0 = one per thread of the common pool (the caller included). */
    @Param({"0", "1"})
    public int tasks;

    private Arena arena;
    private MemorySegment buffer;

    @Setup(Level.Trial)
    public void setup() {
        long bytes = Math.max(256L << 20, 4 * CacheInfo.lastLevelBytes());
        arena = Arena.ofShared();
        buffer = arena.allocate(bytes, 4096);
        for (long i = 0; i < bytes; i += 8) buffer.set(java.lang.foreign.ValueLayout.JAVA_LONG, i, i * 0x9E3779B97F4A7C15L);
        if (tasks == 0) tasks = ForkJoinPool.getCommonPoolParallelism() + 1;
        System.out.printf("%n# stream read: %d MiB buffer, %d task(s)%n", bytes >> 20, tasks);
    }

    @TearDown(Level.Trial)
    public void tearDown() { arena.close(); }

    @Benchmark
    public long read() {
        long chunk = buffer.byteSize() / tasks / S.vectorByteSize() * S.vectorByteSize();
        return IntStream.range(0, tasks).parallel().mapToLong(t -> {
            LongVector acc = LongVector.zero(S);
            for (long o = t * chunk, end = o + chunk; o < end; o += S.vectorByteSize()) {
                acc = acc.lanewise(VectorOperators.XOR, LongVector.fromMemorySegment(S, buffer, o, ByteOrder.LITTLE_ENDIAN));
            }
            return acc.reduceLanes(VectorOperators.XOR);
        }).reduce(0, (x, y) -> x ^ y);
    }
}
