package org.tilevm.codegen.ptx.cuda.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Device memory with an explicit lifetime: an allocation on a {@link CudaDevice} freed when its
 * arena closes ({@link CudaDevice#allocate(long, Arena)}) or, when it owns its arena, by
 * {@link #close} ({@link CudaDevice#allocate(long)}).
 *
 * <p>{@link #segment()} is what a launch takes for a pointer parameter (the
 * {@link org.tilevm.spec.backend.Backend} convention): a <em>zero-length</em> segment at the
 * device address, in the tensor's arena. Zero-length because the host must never dereference a
 * device address: any host access throws instead of crashing the JVM, and a CPU backend given
 * it reports an out-of-bounds access. Copies to and from host segments, device-to-device copies
 * and byte fills go through the driver; the host side may be a native or a heap segment (heap
 * data is staged through native memory).
 */
public final class DeviceTensor implements AutoCloseable {
    private final CudaDevice device;
    private final long address;
    private final long byteSize;
    private final Arena arena;
    private final boolean ownsArena;
    private final MemorySegment segment;

    private DeviceTensor(CudaDevice device, long address, long byteSize, Arena arena, boolean ownsArena, MemorySegment segment) {
        this.device = device;
        this.address = address;
        this.byteSize = byteSize;
        this.arena = arena;
        this.ownsArena = ownsArena;
        this.segment = segment;
    }

    static DeviceTensor allocate(CudaDevice device, long bytes, Arena arena, boolean ownsArena) {
        long address = device.allocRaw(bytes);
        MemorySegment seg;
        try {
            seg = MemorySegment.ofAddress(address).reinterpret(arena, s -> freeQuietly(device, address));
        } catch (RuntimeException e) { // e.g. the arena is already closed
            freeQuietly(device, address);
            throw e;
        }
        return new DeviceTensor(device, address, bytes, arena, ownsArena, seg);
    }

    private static void freeQuietly(CudaDevice device, long address) {
        try {
            device.free(address);
        } catch (RuntimeException e) {
            // an arena's cleanup must not throw; after a sticky device error the context is gone and so is the memory
            System.getLogger("org.tilevm.cuda").log(System.Logger.Level.WARNING, "cuMemFree failed: " + e.getMessage());
        }
    }

    /** The launch argument for a pointer parameter: a zero-length segment at the device address. */
    public MemorySegment segment() { return segment; }

    /** The device address ({@code CUdeviceptr}). */
    public long address() { return address; }

    public long byteSize() { return byteSize; }

    public CudaDevice device() { return device; }

    /** Whether the memory is still allocated (its arena is open). */
    public boolean isAlive() { return segment.scope().isAlive(); }

    /** A view of {@code bytes} bytes from {@code offset}, in the same arena; closing it is an error (close the whole tensor). */
    public DeviceTensor slice(long offset, long bytes) {
        checkAlive();
        Objects.checkFromIndexSize(offset, bytes, byteSize);
        MemorySegment seg = MemorySegment.ofAddress(address + offset).reinterpret(arena, null);
        return new DeviceTensor(device, address + offset, bytes, arena, false, seg);
    }

    /** Copies all of {@code host} to the start of this tensor. */
    public void copyFrom(MemorySegment host) {
        checkAlive();
        checkHost(host, "copy from");
        long n = host.byteSize();
        if (n == 0) return;
        device.makeCurrent();
        if (host.isNative()) {
            device.driver().memcpyHtoD(address, host, n);
        } else {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment staging = a.allocate(n, 16);
                staging.copyFrom(host);
                device.driver().memcpyHtoD(address, staging, n);
            }
        }
    }

    /** Copies the first {@code host.byteSize()} bytes of this tensor into {@code host}. */
    public void copyTo(MemorySegment host) {
        checkAlive();
        checkHost(host, "copy to");
        long n = host.byteSize();
        if (n == 0) return;
        device.makeCurrent();
        if (host.isNative()) {
            device.driver().memcpyDtoH(host, address, n);
        } else {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment staging = a.allocate(n, 16);
                device.driver().memcpyDtoH(staging, address, n);
                host.copyFrom(staging);
            }
        }
    }

    /** Copies all of {@code src} (device to device) to the start of this tensor. */
    public void copyFrom(DeviceTensor src) {
        checkAlive();
        src.checkAlive();
        if (src.byteSize > byteSize) throw new IndexOutOfBoundsException(src.byteSize + " bytes do not fit in a " + byteSize + "-byte device tensor");
        if (src.byteSize == 0) return;
        device.makeCurrent();
        device.driver().memcpyDtoD(address, src.address, src.byteSize);
    }

    /** Sets every byte to {@code value}. */
    public void fill(byte value) {
        checkAlive();
        if (byteSize == 0) return;
        device.makeCurrent();
        device.driver().memsetD8(address, value, byteSize);
    }

    /** The contents as a new byte array (for tests and small results). */
    public byte[] toArray() {
        byte[] out = new byte[Math.toIntExact(byteSize)];
        copyTo(MemorySegment.ofArray(out));
        return out;
    }

    /**
     * Frees the memory now.
     *
     * @throws IllegalStateException for a tensor whose memory belongs to an arena the caller
     *                               passed in, or a slice: that arena frees it
     */
    @Override
    public void close() {
        if (!ownsArena) {
            throw new IllegalStateException("this device tensor is a slice or belongs to an arena it was allocated in: it is "
                    + "freed when that arena (or the tensor it was sliced from) closes");
        }
        if (arena.scope().isAlive()) arena.close();
    }

    private void checkAlive() {
        if (!isAlive()) throw new IllegalStateException("device tensor at 0x" + Long.toHexString(address) + " was freed");
    }

    private void checkHost(MemorySegment host, String what) {
        if (Allocations.find(host).isPresent()) {
            throw new IllegalArgumentException(what + " a device segment: use copyFrom(DeviceTensor) for device-to-device copies");
        }
        if (host.byteSize() > byteSize) {
            throw new IndexOutOfBoundsException("a " + host.byteSize() + "-byte host segment does not fit in a " + byteSize
                    + "-byte device tensor");
        }
    }

    @Override
    public String toString() {
        return "DeviceTensor[" + byteSize + " bytes at 0x" + Long.toHexString(address) + " on device " + device.info().ordinal()
                + (isAlive() ? "" : ", freed") + "]";
    }
}
