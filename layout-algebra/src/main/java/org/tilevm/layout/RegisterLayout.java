package org.tilevm.layout;

import java.util.List;

/**
 * A register layout: the map (thread, local) -> logical index of a register tile.
 * CONTRACT STUB: signatures are fixed; the implementation is being written.
 */
public final class RegisterLayout {
    /** One (thread, local) slot that holds an element. */
    public record Holder(int thread, int local) {}

    RegisterLayout() {}

    public static RegisterLayout of(int[] shape, int[] modeShape, int[] spatialModes, int[] localModes) { throw new UnsupportedOperationException(); }

    public int rank() { throw new UnsupportedOperationException(); }
    public int[] shape() { throw new UnsupportedOperationException(); }
    public int shape(int dim) { throw new UnsupportedOperationException(); }
    public int[] modeShape() { throw new UnsupportedOperationException(); }
    public int[] spatialModes() { throw new UnsupportedOperationException(); }
    public int[] localModes() { throw new UnsupportedOperationException(); }
    public int numThreads() { throw new UnsupportedOperationException(); }
    public int localSize() { throw new UnsupportedOperationException(); }
    public int numElements() { throw new UnsupportedOperationException(); }
    public boolean isReplicated() { throw new UnsupportedOperationException(); }

    public int[] indexOf(int thread, int local) { throw new UnsupportedOperationException(); }
    public List<Holder> holders(int... index) { throw new UnsupportedOperationException(); }

    public RegisterLayout compose(RegisterLayout inner) { throw new UnsupportedOperationException(); }
    public RegisterLayout local(int... shape) { throw new UnsupportedOperationException(); }
    public RegisterLayout spatial(int... shape) { throw new UnsupportedOperationException(); }
    public RegisterLayout columnLocal(int... shape) { throw new UnsupportedOperationException(); }
    public RegisterLayout columnSpatial(int... shape) { throw new UnsupportedOperationException(); }
    public RegisterLayout divide(RegisterLayout rhs) { throw new UnsupportedOperationException(); }
    public RegisterLayout leftDivide(RegisterLayout lhs) { throw new UnsupportedOperationException(); }
    public boolean divisibleBy(RegisterLayout rhs) { throw new UnsupportedOperationException(); }
    public RegisterLayout reduce(int[] dims, boolean keepDims) { throw new UnsupportedOperationException(); }
    public RegisterLayout concat(RegisterLayout other) { throw new UnsupportedOperationException(); }
    public RegisterLayout permute(int... dims) { throw new UnsupportedOperationException(); }
    public RegisterLayout reshape(int... shape) { throw new UnsupportedOperationException(); }
    public RegisterLayout flatten() { throw new UnsupportedOperationException(); }
    public RegisterLayout squeeze(int... dims) { throw new UnsupportedOperationException(); }
    public RegisterLayout unsqueeze(int... dims) { throw new UnsupportedOperationException(); }
    public RegisterLayout canonical() { throw new UnsupportedOperationException(); }
}
