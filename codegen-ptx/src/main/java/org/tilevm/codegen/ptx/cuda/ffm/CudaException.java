package org.tilevm.codegen.ptx.cuda.ffm;

/**
 * A CUDA driver or NVRTC call failed, or a CUDA library could not be found or bound. The message
 * names the function, the error's name and description ({@code cuModuleLoadDataEx:
 * CUDA_ERROR_INVALID_PTX (a PTX JIT compilation failed)}) and ends with the compiler's or JIT's
 * log where there is one, so one line of a stack trace says what went wrong.
 *
 * <p>Not to be confused with {@link org.tilevm.codegen.ptx.cuda.CudaException}, which reports a
 * thread-level program the CUDA printer cannot render.
 */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The {@code code} of failures that are not an API result (library missing, symbol missing). */
    public static final int NO_CODE = -1;

    private final String function;
    private final int code;
    private final String errorName;
    private final String errorString;
    private final String log;

    /**
     * @param function    the C function that failed (or what was attempted, e.g. {@code load libcuda.so.1})
     * @param code        its result ({@code CUresult} or {@code nvrtcResult}), or {@link #NO_CODE}
     * @param errorName   the result's enum name, e.g. {@code CUDA_ERROR_NO_DEVICE} (empty when unknown)
     * @param errorString the result's description (empty when unknown)
     * @param log         NVRTC's program log or the JIT's error log (empty when none)
     */
    public CudaException(String function, int code, String errorName, String errorString, String log) {
        super(message(function, code, errorName, errorString, log));
        this.function = function;
        this.code = code;
        this.errorName = errorName;
        this.errorString = errorString;
        this.log = log;
    }

    /** A failure that is not an API result (a library or symbol is missing); {@code what} is the whole message. */
    public static CudaException unavailable(String function, String what) {
        return new CudaException(function, NO_CODE, "", what, "");
    }

    private static String message(String function, int code, String name, String string, String log) {
        StringBuilder sb = new StringBuilder(function).append(": ");
        if (code == NO_CODE) {
            sb.append(string);
        } else {
            sb.append(name.isEmpty() ? "error " + code : name);
            if (!string.isEmpty() && !string.equals(name)) sb.append(" (").append(string).append(')');
        }
        if (!log.isBlank()) sb.append('\n').append(log.strip());
        return sb.toString();
    }

    /** The C function that failed. */
    public String function() { return function; }

    /** The numeric result, or {@link #NO_CODE}. */
    public int code() { return code; }

    /** The result's enum name ({@code CUDA_ERROR_...}, {@code NVRTC_ERROR_...}); empty when unknown. */
    public String errorName() { return errorName; }

    /** The result's description from {@code cuGetErrorString} / {@code nvrtcGetErrorString}. */
    public String errorString() { return errorString; }

    /** NVRTC's program log or the JIT error log; empty when there is none. */
    public String log() { return log; }
}
