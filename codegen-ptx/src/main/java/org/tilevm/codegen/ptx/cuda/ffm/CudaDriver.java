package org.tilevm.codegen.ptx.cuda.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Hand-written Panama FFM bindings of the CUDA driver API ({@code libcuda.so.1}): the calls TileVM
 * needs to pick a device, manage memory, load modules and launch kernels, each checked: a result
 * other than {@code CUDA_SUCCESS} becomes a {@link CudaException} with the function, the error's
 * name and string ({@code cuGetErrorName} / {@code cuGetErrorString}) and, for module loads, the
 * JIT's error log. Handles ({@code CUcontext}, {@code CUmodule}, {@code CUfunction},
 * {@code CUstream}, {@code CUevent}) are {@link MemorySegment} addresses; a device pointer
 * ({@code CUdeviceptr}) is a {@code long}; {@link MemorySegment#NULL} is the default stream.
 *
 * <p>The versioned entry points ({@code cuMemAlloc_v2}, ...) are those {@code cuda.h} maps the
 * plain names to; where a {@code _v2} is recent ({@code cuEventElapsedTime_v2}, CUDA 12.8) the
 * older name is the fallback. Every call needs a current context on the calling thread
 * ({@link #setCurrentContext}) except init, version, device queries and error strings.
 */
public final class CudaDriver {
    private static final String LIB = "libcuda.so.1";
    private static final FunctionDescriptor I_A = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    private static final FunctionDescriptor I_I = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
    private static final FunctionDescriptor I_L = FunctionDescriptor.of(JAVA_INT, JAVA_LONG);
    private static final FunctionDescriptor I_AA = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
    private static final FunctionDescriptor I_AI = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);

    // CUjit_option values (cuda.h): log buffers and their sizes, verbose info log
    private static final int CU_JIT_INFO_LOG_BUFFER = 3;
    private static final int CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES = 4;
    private static final int CU_JIT_ERROR_LOG_BUFFER = 5;
    private static final int CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
    private static final int CU_JIT_LOG_VERBOSE = 12;
    private static final int JIT_LOG_BYTES = 16 * 1024;

    private static Availability<CudaDriver> shared;

    private final MethodHandle cuInit, cuDriverGetVersion, cuDeviceGetCount, cuDeviceGet, cuDeviceGetName,
            cuDeviceGetAttribute, cuDeviceTotalMem, cuDevicePrimaryCtxRetain, cuDevicePrimaryCtxRelease, cuCtxSetCurrent,
            cuMemAlloc, cuMemFree, cuMemcpyHtoD, cuMemcpyDtoH, cuMemcpyDtoD, cuMemcpyHtoDAsync, cuMemcpyDtoHAsync,
            cuMemcpyDtoDAsync, cuMemsetD8, cuModuleLoadDataEx, cuModuleUnload, cuModuleGetFunction, cuFuncGetAttribute,
            cuFuncSetAttribute, cuLaunchKernel, cuStreamCreate, cuStreamDestroy, cuStreamSynchronize, cuEventCreate,
            cuEventRecord, cuEventSynchronize, cuEventElapsedTime, cuEventDestroy, cuGetErrorName, cuGetErrorString;

    /**
     * Binds every function from {@code lib}.
     *
     * @throws CudaException when a function is missing (a driver older than CUDA 11)
     */
    public static CudaDriver bind(SymbolLookup lib) { return new CudaDriver(lib); }

    /** The driver of this process, found once with {@link CudaLibraries#find}; never throws. */
    public static synchronized Availability<CudaDriver> shared() {
        if (shared == null) {
            shared = switch (CudaLibraries.find(CudaLibrary.DRIVER)) {
                case LibrarySearch.Missing m -> new Availability.Unavailable<>(m.message());
                case LibrarySearch.Found f -> {
                    try {
                        yield new Availability.Available<>(bind(f.lookup()), f.where().describe());
                    } catch (CudaException e) {
                        yield new Availability.Unavailable<>(f.where().describe() + ": " + e.getMessage());
                    }
                }
            };
        }
        return shared;
    }

    private CudaDriver(SymbolLookup lib) {
        cuInit = fn(lib, I_I, "cuInit");
        cuDriverGetVersion = fn(lib, I_A, "cuDriverGetVersion");
        cuDeviceGetCount = fn(lib, I_A, "cuDeviceGetCount");
        cuDeviceGet = fn(lib, I_AI, "cuDeviceGet");
        cuDeviceGetName = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), "cuDeviceGetName");
        cuDeviceGetAttribute = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), "cuDeviceGetAttribute");
        cuDeviceTotalMem = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), "cuDeviceTotalMem_v2");
        cuDevicePrimaryCtxRetain = fn(lib, I_AI, "cuDevicePrimaryCtxRetain");
        cuDevicePrimaryCtxRelease = fn(lib, I_I, "cuDevicePrimaryCtxRelease_v2", "cuDevicePrimaryCtxRelease");
        cuCtxSetCurrent = fn(lib, I_A, "cuCtxSetCurrent");
        cuMemAlloc = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), "cuMemAlloc_v2");
        cuMemFree = fn(lib, I_L, "cuMemFree_v2");
        cuMemcpyHtoD = fn(lib, FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG), "cuMemcpyHtoD_v2");
        cuMemcpyDtoH = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG), "cuMemcpyDtoH_v2");
        cuMemcpyDtoD = fn(lib, FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG), "cuMemcpyDtoD_v2");
        cuMemcpyHtoDAsync = fn(lib, FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS), "cuMemcpyHtoDAsync_v2");
        cuMemcpyDtoHAsync = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS), "cuMemcpyDtoHAsync_v2");
        cuMemcpyDtoDAsync = fn(lib, FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS), "cuMemcpyDtoDAsync_v2");
        cuMemsetD8 = fn(lib, FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_BYTE, JAVA_LONG), "cuMemsetD8_v2");
        cuModuleLoadDataEx = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS), "cuModuleLoadDataEx");
        cuModuleUnload = fn(lib, I_A, "cuModuleUnload");
        cuModuleGetFunction = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), "cuModuleGetFunction");
        cuFuncGetAttribute = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), "cuFuncGetAttribute");
        cuFuncSetAttribute = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), "cuFuncSetAttribute");
        cuLaunchKernel = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS), "cuLaunchKernel");
        cuStreamCreate = fn(lib, I_AI, "cuStreamCreate");
        cuStreamDestroy = fn(lib, I_A, "cuStreamDestroy_v2", "cuStreamDestroy");
        cuStreamSynchronize = fn(lib, I_A, "cuStreamSynchronize");
        cuEventCreate = fn(lib, I_AI, "cuEventCreate");
        cuEventRecord = fn(lib, I_AA, "cuEventRecord");
        cuEventSynchronize = fn(lib, I_A, "cuEventSynchronize");
        cuEventElapsedTime = fn(lib, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), "cuEventElapsedTime_v2", "cuEventElapsedTime");
        cuEventDestroy = fn(lib, I_A, "cuEventDestroy_v2", "cuEventDestroy");
        cuGetErrorName = fn(lib, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), "cuGetErrorName");
        cuGetErrorString = fn(lib, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), "cuGetErrorString");
    }

    private static MethodHandle fn(SymbolLookup lib, FunctionDescriptor fd, String... names) {
        return Downcalls.function(lib, LIB, fd, names);
    }

    // ---- errors

    /** {@code cuGetErrorName}: e.g. {@code CUDA_ERROR_NO_DEVICE}; empty for an unknown code. */
    public String errorName(int code) { return errorText(cuGetErrorName, code); }

    /** {@code cuGetErrorString}: e.g. {@code no CUDA-capable device is detected}; empty for an unknown code. */
    public String errorString(int code) { return errorText(cuGetErrorString, code); }

    private static String errorText(MethodHandle h, int code) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ADDRESS);
            int rc = (int) h.invokeExact(code, p);
            return rc == 0 ? Downcalls.string(p.get(ADDRESS, 0)) : "";
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** Throws a {@link CudaException} for {@code function} unless {@code rc} is {@code CUDA_SUCCESS}. */
    private void check(String function, int rc) { check(function, rc, ""); }

    private void check(String function, int rc, String log) {
        if (rc != 0) throw new CudaException(function, rc, errorName(rc), errorString(rc), log);
    }

    // ---- initialization and devices

    /** {@code cuInit(0)}; may be called more than once. */
    public void init() {
        try {
            check("cuInit", (int) cuInit.invokeExact(0));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuDriverGetVersion}: 1000 * major + 10 * minor, e.g. 13000 for CUDA 13.0. */
    public int driverVersion() { return intOut("cuDriverGetVersion", cuDriverGetVersion); }

    /** {@code cuDeviceGetCount}. */
    public int deviceCount() { return intOut("cuDeviceGetCount", cuDeviceGetCount); }

    private int intOut(String function, MethodHandle h) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check(function, (int) h.invokeExact(out));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuDeviceGet}: the {@code CUdevice} of ordinal {@code ordinal}. */
    public int device(int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cuDeviceGet", (int) cuDeviceGet.invokeExact(out, ordinal));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuDeviceGetName}. */
    public String deviceName(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(256);
            check("cuDeviceGetName", (int) cuDeviceGetName.invokeExact(buf, 256, device));
            return buf.getString(0);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuDeviceGetAttribute}. */
    public int deviceAttribute(int device, DeviceAttribute attribute) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cuDeviceGetAttribute(" + attribute + ")", (int) cuDeviceGetAttribute.invokeExact(out, attribute.code, device));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuDeviceTotalMem_v2}: bytes of device memory. */
    public long deviceTotalMemory(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check("cuDeviceTotalMem", (int) cuDeviceTotalMem.invokeExact(out, device));
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    // ---- contexts

    /** {@code cuDevicePrimaryCtxRetain}: the device's primary context (reference counted). */
    public MemorySegment primaryContextRetain(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cuDevicePrimaryCtxRetain", (int) cuDevicePrimaryCtxRetain.invokeExact(out, device));
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuDevicePrimaryCtxRelease_v2}. */
    public void primaryContextRelease(int device) {
        try {
            check("cuDevicePrimaryCtxRelease", (int) cuDevicePrimaryCtxRelease.invokeExact(device));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuCtxSetCurrent}: binds {@code context} to the calling thread. */
    public void setCurrentContext(MemorySegment context) {
        try {
            check("cuCtxSetCurrent", (int) cuCtxSetCurrent.invokeExact(context));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    // ---- memory

    /** {@code cuMemAlloc_v2}: {@code bytes} of device memory (256-byte aligned). */
    public long memAlloc(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check("cuMemAlloc(" + bytes + " bytes)", (int) cuMemAlloc.invokeExact(out, bytes));
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuMemFree_v2}. */
    public void memFree(long devicePtr) {
        try {
            check("cuMemFree", (int) cuMemFree.invokeExact(devicePtr));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuMemcpyHtoD_v2} from a native host segment. */
    public void memcpyHtoD(long dst, MemorySegment src, long bytes) {
        try {
            check("cuMemcpyHtoD", (int) cuMemcpyHtoD.invokeExact(dst, src, bytes));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuMemcpyDtoH_v2} into a native host segment. */
    public void memcpyDtoH(MemorySegment dst, long src, long bytes) {
        try {
            check("cuMemcpyDtoH", (int) cuMemcpyDtoH.invokeExact(dst, src, bytes));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuMemcpyDtoD_v2}. */
    public void memcpyDtoD(long dst, long src, long bytes) {
        try {
            check("cuMemcpyDtoD", (int) cuMemcpyDtoD.invokeExact(dst, src, bytes));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuMemcpyHtoDAsync_v2}; {@code src} must stay alive until the stream reaches the copy. */
    public void memcpyHtoDAsync(long dst, MemorySegment src, long bytes, MemorySegment stream) {
        try {
            check("cuMemcpyHtoDAsync", (int) cuMemcpyHtoDAsync.invokeExact(dst, src, bytes, stream));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuMemcpyDtoHAsync_v2}; {@code dst} must stay alive until the stream reaches the copy. */
    public void memcpyDtoHAsync(MemorySegment dst, long src, long bytes, MemorySegment stream) {
        try {
            check("cuMemcpyDtoHAsync", (int) cuMemcpyDtoHAsync.invokeExact(dst, src, bytes, stream));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuMemcpyDtoDAsync_v2}. */
    public void memcpyDtoDAsync(long dst, long src, long bytes, MemorySegment stream) {
        try {
            check("cuMemcpyDtoDAsync", (int) cuMemcpyDtoDAsync.invokeExact(dst, src, bytes, stream));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuMemsetD8_v2}: sets {@code count} bytes to {@code value}. */
    public void memsetD8(long dst, byte value, long count) {
        try {
            check("cuMemsetD8", (int) cuMemsetD8.invokeExact(dst, value, count));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    // ---- modules and functions

    /** A loaded module and the JIT's info log (which PTX JIT compilation fills; empty for a cubin). */
    public record LoadedModule(MemorySegment module, String infoLog) {}

    /**
     * {@code cuModuleLoadDataEx} of a cubin, fatbin or NUL-terminated PTX image, with info and
     * error log buffers; a failure carries the error log (and the info log).
     */
    public LoadedModule moduleLoadData(MemorySegment image) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment info = a.allocate(JIT_LOG_BYTES), error = a.allocate(JIT_LOG_BYTES);
            int[] keys = {CU_JIT_INFO_LOG_BUFFER, CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES, CU_JIT_ERROR_LOG_BUFFER,
                    CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, CU_JIT_LOG_VERBOSE};
            MemorySegment options = a.allocateFrom(JAVA_INT, keys);
            MemorySegment values = a.allocate(ADDRESS, keys.length);
            // sizes and flags travel as integers cast to void*, as the driver API specifies
            values.setAtIndex(ADDRESS, 0, info);
            values.setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(JIT_LOG_BYTES));
            values.setAtIndex(ADDRESS, 2, error);
            values.setAtIndex(ADDRESS, 3, MemorySegment.ofAddress(JIT_LOG_BYTES));
            values.setAtIndex(ADDRESS, 4, MemorySegment.ofAddress(1));
            MemorySegment out = a.allocate(ADDRESS);
            int rc = (int) cuModuleLoadDataEx.invokeExact(out, image, keys.length, options, values);
            String infoLog = logText(info), errorLog = logText(error);
            if (rc != 0) {
                String log = errorLog + (infoLog.isBlank() ? "" : (errorLog.isBlank() ? "" : "\n") + infoLog);
                check("cuModuleLoadDataEx", rc, log);
            }
            return new LoadedModule(out.get(ADDRESS, 0), infoLog);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    private static String logText(MemorySegment buffer) {
        buffer.set(JAVA_BYTE, buffer.byteSize() - 1, (byte) 0); // a full buffer need not be terminated
        return buffer.getString(0).strip();
    }

    /** {@code cuModuleUnload}. */
    public void moduleUnload(MemorySegment module) {
        try {
            check("cuModuleUnload", (int) cuModuleUnload.invokeExact(module));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuModuleGetFunction}: the kernel named {@code name} ({@code extern "C"}). */
    public MemorySegment moduleGetFunction(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cuModuleGetFunction(" + name + ")", (int) cuModuleGetFunction.invokeExact(out, module, a.allocateFrom(name)));
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuFuncGetAttribute}. */
    public int functionAttribute(MemorySegment function, FunctionAttribute attribute) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cuFuncGetAttribute(" + attribute + ")", (int) cuFuncGetAttribute.invokeExact(out, attribute.code, function));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuFuncSetAttribute}. */
    public void setFunctionAttribute(MemorySegment function, FunctionAttribute attribute, int value) {
        try {
            check("cuFuncSetAttribute(" + attribute + ", " + value + ")",
                    (int) cuFuncSetAttribute.invokeExact(function, attribute.code, value));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /**
     * {@code cuLaunchKernel} with parameters given as {@code kernelParams}: an array of pointers,
     * one per kernel parameter, each to the parameter's value in its C type.
     */
    public void launchKernel(MemorySegment function, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
                             int sharedMemBytes, MemorySegment stream, MemorySegment kernelParams) {
        try {
            check("cuLaunchKernel", (int) cuLaunchKernel.invokeExact(function, gridX, gridY, gridZ, blockX, blockY, blockZ,
                    sharedMemBytes, stream, kernelParams, MemorySegment.NULL));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    // ---- streams and events

    /** {@code cuStreamCreate}; flags 0 (CU_STREAM_DEFAULT) or 1 (CU_STREAM_NON_BLOCKING). */
    public MemorySegment streamCreate(int flags) { return handleOut("cuStreamCreate", cuStreamCreate, flags); }

    /** {@code cuStreamDestroy_v2}. */
    public void streamDestroy(MemorySegment stream) { handleIn("cuStreamDestroy", cuStreamDestroy, stream); }

    /** {@code cuStreamSynchronize}; {@link MemorySegment#NULL} is the default stream. */
    public void streamSynchronize(MemorySegment stream) { handleIn("cuStreamSynchronize", cuStreamSynchronize, stream); }

    /** {@code cuEventCreate}; flags 0 (CU_EVENT_DEFAULT, timing enabled) or 1 (CU_EVENT_BLOCKING_SYNC). */
    public MemorySegment eventCreate(int flags) { return handleOut("cuEventCreate", cuEventCreate, flags); }

    /** {@code cuEventRecord}. */
    public void eventRecord(MemorySegment event, MemorySegment stream) {
        try {
            check("cuEventRecord", (int) cuEventRecord.invokeExact(event, stream));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuEventSynchronize}. */
    public void eventSynchronize(MemorySegment event) { handleIn("cuEventSynchronize", cuEventSynchronize, event); }

    /** {@code cuEventElapsedTime}: milliseconds between two recorded, completed events. */
    public float eventElapsedTime(MemorySegment start, MemorySegment end) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_FLOAT);
            check("cuEventElapsedTime", (int) cuEventElapsedTime.invokeExact(out, start, end));
            return out.get(JAVA_FLOAT, 0);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code cuEventDestroy_v2}. */
    public void eventDestroy(MemorySegment event) { handleIn("cuEventDestroy", cuEventDestroy, event); }

    private MemorySegment handleOut(String function, MethodHandle h, int flags) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check(function, (int) h.invokeExact(out, flags));
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    private void handleIn(String function, MethodHandle h, MemorySegment handle) {
        try {
            check(function, (int) h.invokeExact(handle));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }
}
