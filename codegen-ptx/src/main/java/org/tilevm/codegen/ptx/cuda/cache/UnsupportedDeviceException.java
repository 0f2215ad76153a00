package org.tilevm.codegen.ptx.cuda.cache;

/**
 * No image can be built for a device: its compute capability is below what TileVM's generated
 * code needs (sm_80), or the NVRTC at hand cannot target it. The message names the device's
 * compute capability, the architectures NVRTC offers and what would be needed.
 */
public final class UnsupportedDeviceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedDeviceException(String message) { super(message); }
}
