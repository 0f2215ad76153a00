package org.tilevm.codegen.ptx.cuda.backend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.tilevm.codegen.ptx.cuda.ffm.Availability;
import org.tilevm.codegen.ptx.cuda.ffm.CudaDriver;
import org.tilevm.codegen.ptx.cuda.ffm.CudaException;
import org.tilevm.codegen.ptx.cuda.ffm.DeviceAttribute;

/**
 * One GPU, opened through its primary context (the context the CUDA runtime would use too), with
 * its {@link DeviceInfo} and its memory as {@link DeviceTensor}s. The shared instances
 * ({@link #shared}) live as long as the process; every operation first makes the context current
 * on the calling thread, so any thread may use a device.
 */
public final class CudaDevice {
    private static final Map<Integer, Availability<CudaDevice>> SHARED = new HashMap<>();

    private final CudaDriver driver;
    private final MemorySegment context;
    private final DeviceInfo info;

    private CudaDevice(CudaDriver driver, MemorySegment context, DeviceInfo info) {
        this.driver = driver;
        this.context = context;
        this.info = info;
    }

    /** Device {@code ordinal} of the driver found by the library discovery, opened once; never throws. */
    public static synchronized Availability<CudaDevice> shared(int ordinal) {
        return SHARED.computeIfAbsent(ordinal, o -> open(CudaDriver.shared(), o));
    }

    /**
     * Opens device {@code ordinal}: initializes the driver, reads the device's attributes and
     * retains its primary context. Never throws: a missing driver, no device, or a failing call
     * gives {@link Availability.Unavailable} with the reason.
     */
    public static Availability<CudaDevice> open(Availability<CudaDriver> driver, int ordinal) {
        if (!(driver instanceof Availability.Available<CudaDriver>(CudaDriver d, String where))) {
            return new Availability.Unavailable<>(driver.reason());
        }
        try {
            d.init();
            int count = d.deviceCount();
            if (ordinal < 0 || ordinal >= count) {
                return new Availability.Unavailable<>("the CUDA driver (" + where + ") reports " + count + " device"
                        + (count == 1 ? "" : "s") + ", so there is no device " + ordinal);
            }
            int dev = d.device(ordinal);
            ComputeCapability cc = new ComputeCapability(d.deviceAttribute(dev, DeviceAttribute.COMPUTE_CAPABILITY_MAJOR),
                    d.deviceAttribute(dev, DeviceAttribute.COMPUTE_CAPABILITY_MINOR));
            DeviceInfo info = new DeviceInfo(ordinal, d.deviceName(dev), cc, d.deviceAttribute(dev, DeviceAttribute.MULTIPROCESSOR_COUNT),
                    d.deviceAttribute(dev, DeviceAttribute.MAX_SHARED_MEMORY_PER_BLOCK),
                    d.deviceAttribute(dev, DeviceAttribute.MAX_SHARED_MEMORY_PER_BLOCK_OPTIN),
                    d.deviceAttribute(dev, DeviceAttribute.MAX_GRID_DIM_Y), d.deviceAttribute(dev, DeviceAttribute.MAX_GRID_DIM_Z),
                    d.deviceTotalMemory(dev), d.driverVersion());
            return new Availability.Available<>(new CudaDevice(d, d.primaryContextRetain(dev), info), where);
        } catch (CudaException e) {
            return new Availability.Unavailable<>("the CUDA driver (" + where + ") is present but " + e.getMessage());
        }
    }

    public DeviceInfo info() { return info; }

    public CudaDriver driver() { return driver; }

    /** Makes this device's context current on the calling thread. */
    public void makeCurrent() { driver.setCurrentContext(context); }

    /** Waits for all work on the default stream. */
    public void synchronize() {
        makeCurrent();
        driver.streamSynchronize(MemorySegment.NULL);
    }

    /**
     * {@code bytes} of device memory (256-byte aligned, contents undefined), freed by
     * {@link DeviceTensor#close}.
     */
    public DeviceTensor allocate(long bytes) { return DeviceTensor.allocate(this, bytes, Arena.ofShared(), true); }

    /** {@code bytes} of device memory freed when {@code arena} closes. */
    public DeviceTensor allocate(long bytes, Arena arena) {
        return DeviceTensor.allocate(this, bytes, Objects.requireNonNull(arena, "arena"), false);
    }

    /** A device copy of {@code host} (its whole {@code byteSize}), freed when {@code arena} closes. */
    public DeviceTensor copyOf(MemorySegment host, Arena arena) {
        DeviceTensor t = allocate(host.byteSize(), arena);
        t.copyFrom(host);
        return t;
    }

    /** Whether {@code segment} points into memory allocated on this device. */
    public boolean holds(MemorySegment segment) {
        return Allocations.find(segment).map(a -> a.device() == this).orElse(false);
    }

    /** cuMemAlloc of at least one byte, registered as device memory. */
    long allocRaw(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("negative size " + bytes);
        makeCurrent();
        long size = Math.max(1, bytes);
        long address = driver.memAlloc(size);
        Allocations.add(new Allocations.Allocation(this, address, size));
        return address;
    }

    /** Unregisters then frees (unregistered first, so that a new allocation at the same address is never dropped). */
    void free(long address) {
        Allocations.remove(address);
        makeCurrent();
        driver.memFree(address);
    }

    @Override
    public String toString() { return "CUDA device " + info.ordinal() + ": " + info.describe(); }
}
