package org.tilevm.frontend.dsl;

import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.ReduceOp;
import org.tilevm.spec.ir.TensorType;
import org.tilevm.spec.ir.TensorVar;
import org.tilevm.spec.ir.UnaryOp;

/**
 * A register tile distributed over the block's threads by its {@link #layout()}.
 *
 * <p>The operation methods are shorthands for the {@link Kernel} methods of the same meaning:
 * each emits one instruction at the current point of the kernel and returns a new tensor.
 * Scalar operands ({@link Scalar}, {@code long}, {@code double}) give {@code binary_scalar};
 * tensor operands give {@code binary} with broadcasting.
 */
public final class RegisterTensor extends Tensor {

    RegisterTensor(Kernel kernel, TensorVar var, Frame scope) { super(kernel, var, scope); }

    public RegisterLayout layout() { return ((TensorType.Register) var.type()).layout(); }

    public int[] shape() { return layout().shape(); }

    public int rank() { return layout().rank(); }

    // ---- elementwise with a tensor (broadcasting) or a scalar ----

    public RegisterTensor plus(RegisterTensor o) { return kernel.binary(BinaryOp.ADD, this, o); }
    public RegisterTensor plus(Scalar s) { return kernel.binary(BinaryOp.ADD, this, s); }
    public RegisterTensor plus(long c) { return kernel.binary(BinaryOp.ADD, this, c); }
    public RegisterTensor plus(double c) { return kernel.binary(BinaryOp.ADD, this, c); }
    public RegisterTensor minus(RegisterTensor o) { return kernel.binary(BinaryOp.SUB, this, o); }
    public RegisterTensor minus(Scalar s) { return kernel.binary(BinaryOp.SUB, this, s); }
    public RegisterTensor minus(long c) { return kernel.binary(BinaryOp.SUB, this, c); }
    public RegisterTensor minus(double c) { return kernel.binary(BinaryOp.SUB, this, c); }
    public RegisterTensor times(RegisterTensor o) { return kernel.binary(BinaryOp.MUL, this, o); }
    public RegisterTensor times(Scalar s) { return kernel.binary(BinaryOp.MUL, this, s); }
    public RegisterTensor times(long c) { return kernel.binary(BinaryOp.MUL, this, c); }
    public RegisterTensor times(double c) { return kernel.binary(BinaryOp.MUL, this, c); }
    public RegisterTensor div(RegisterTensor o) { return kernel.binary(BinaryOp.DIV, this, o); }
    public RegisterTensor div(Scalar s) { return kernel.binary(BinaryOp.DIV, this, s); }
    public RegisterTensor div(long c) { return kernel.binary(BinaryOp.DIV, this, c); }
    public RegisterTensor div(double c) { return kernel.binary(BinaryOp.DIV, this, c); }
    public RegisterTensor mod(RegisterTensor o) { return kernel.binary(BinaryOp.MOD, this, o); }
    public RegisterTensor mod(long c) { return kernel.binary(BinaryOp.MOD, this, c); }
    public RegisterTensor min(RegisterTensor o) { return kernel.binary(BinaryOp.MIN, this, o); }
    public RegisterTensor min(Scalar s) { return kernel.binary(BinaryOp.MIN, this, s); }
    public RegisterTensor min(long c) { return kernel.binary(BinaryOp.MIN, this, c); }
    public RegisterTensor min(double c) { return kernel.binary(BinaryOp.MIN, this, c); }
    public RegisterTensor max(RegisterTensor o) { return kernel.binary(BinaryOp.MAX, this, o); }
    public RegisterTensor max(Scalar s) { return kernel.binary(BinaryOp.MAX, this, s); }
    public RegisterTensor max(long c) { return kernel.binary(BinaryOp.MAX, this, c); }
    public RegisterTensor max(double c) { return kernel.binary(BinaryOp.MAX, this, c); }
    public RegisterTensor bitAnd(RegisterTensor o) { return kernel.binary(BinaryOp.BIT_AND, this, o); }
    public RegisterTensor bitAnd(long c) { return kernel.binary(BinaryOp.BIT_AND, this, c); }
    public RegisterTensor bitOr(RegisterTensor o) { return kernel.binary(BinaryOp.BIT_OR, this, o); }
    public RegisterTensor bitOr(long c) { return kernel.binary(BinaryOp.BIT_OR, this, c); }
    public RegisterTensor bitXor(RegisterTensor o) { return kernel.binary(BinaryOp.BIT_XOR, this, o); }
    public RegisterTensor bitXor(long c) { return kernel.binary(BinaryOp.BIT_XOR, this, c); }
    public RegisterTensor shl(RegisterTensor o) { return kernel.binary(BinaryOp.SHL, this, o); }
    public RegisterTensor shl(long c) { return kernel.binary(BinaryOp.SHL, this, c); }
    public RegisterTensor shr(RegisterTensor o) { return kernel.binary(BinaryOp.SHR, this, o); }
    public RegisterTensor shr(long c) { return kernel.binary(BinaryOp.SHR, this, c); }
    public RegisterTensor lt(RegisterTensor o) { return kernel.binary(BinaryOp.LT, this, o); }
    public RegisterTensor lt(Scalar s) { return kernel.binary(BinaryOp.LT, this, s); }
    public RegisterTensor lt(double c) { return kernel.binary(BinaryOp.LT, this, c); }
    public RegisterTensor le(RegisterTensor o) { return kernel.binary(BinaryOp.LE, this, o); }
    public RegisterTensor le(Scalar s) { return kernel.binary(BinaryOp.LE, this, s); }
    public RegisterTensor le(double c) { return kernel.binary(BinaryOp.LE, this, c); }
    public RegisterTensor gt(RegisterTensor o) { return kernel.binary(BinaryOp.GT, this, o); }
    public RegisterTensor gt(Scalar s) { return kernel.binary(BinaryOp.GT, this, s); }
    public RegisterTensor gt(double c) { return kernel.binary(BinaryOp.GT, this, c); }
    public RegisterTensor ge(RegisterTensor o) { return kernel.binary(BinaryOp.GE, this, o); }
    public RegisterTensor ge(Scalar s) { return kernel.binary(BinaryOp.GE, this, s); }
    public RegisterTensor ge(double c) { return kernel.binary(BinaryOp.GE, this, c); }
    public RegisterTensor eq(RegisterTensor o) { return kernel.binary(BinaryOp.EQ, this, o); }
    public RegisterTensor eq(Scalar s) { return kernel.binary(BinaryOp.EQ, this, s); }
    public RegisterTensor eq(double c) { return kernel.binary(BinaryOp.EQ, this, c); }
    public RegisterTensor ne(RegisterTensor o) { return kernel.binary(BinaryOp.NE, this, o); }
    public RegisterTensor ne(Scalar s) { return kernel.binary(BinaryOp.NE, this, s); }
    public RegisterTensor ne(double c) { return kernel.binary(BinaryOp.NE, this, c); }
    public RegisterTensor and(RegisterTensor o) { return kernel.binary(BinaryOp.AND, this, o); }
    public RegisterTensor or(RegisterTensor o) { return kernel.binary(BinaryOp.OR, this, o); }

    // ---- unary ----

    public RegisterTensor neg() { return kernel.unary(UnaryOp.NEG, this); }
    public RegisterTensor abs() { return kernel.unary(UnaryOp.ABS, this); }
    public RegisterTensor not() { return kernel.unary(UnaryOp.NOT, this); }
    public RegisterTensor bitNot() { return kernel.unary(UnaryOp.BIT_NOT, this); }
    public RegisterTensor exp() { return kernel.unary(UnaryOp.EXP, this); }
    public RegisterTensor log() { return kernel.unary(UnaryOp.LOG, this); }
    public RegisterTensor sqrt() { return kernel.unary(UnaryOp.SQRT, this); }
    public RegisterTensor rsqrt() { return kernel.unary(UnaryOp.RSQRT, this); }

    // ---- conversions and shape ----

    /** {@link Kernel#cast(RegisterTensor, DType)}. */
    public RegisterTensor cast(DType dtype) { return kernel.cast(this, dtype); }

    /** {@link Kernel#view(RegisterTensor, DType)}. */
    public RegisterTensor view(DType dtype) { return kernel.view(this, dtype); }

    /** {@link Kernel#view(RegisterTensor, DType, RegisterLayout)}. */
    public RegisterTensor view(DType dtype, RegisterLayout layout) { return kernel.view(this, dtype, layout); }

    public RegisterTensor reduceSum(int dim) { return kernel.reduce(this, dim, ReduceOp.SUM, false); }
    public RegisterTensor reduceSum(int dim, boolean keepDim) { return kernel.reduce(this, dim, ReduceOp.SUM, keepDim); }
    public RegisterTensor reduceMax(int dim) { return kernel.reduce(this, dim, ReduceOp.MAX, false); }
    public RegisterTensor reduceMax(int dim, boolean keepDim) { return kernel.reduce(this, dim, ReduceOp.MAX, keepDim); }
    public RegisterTensor reduceMin(int dim) { return kernel.reduce(this, dim, ReduceOp.MIN, false); }
    public RegisterTensor reduceMin(int dim, boolean keepDim) { return kernel.reduce(this, dim, ReduceOp.MIN, keepDim); }

    public RegisterTensor squeeze(int... dims) { return kernel.squeeze(this, dims); }
    public RegisterTensor unsqueeze(int... dims) { return kernel.unsqueeze(this, dims); }
    public RegisterTensor transpose() { return kernel.transpose(this); }
    public RegisterTensor reshape(int... shape) { return kernel.reshape(this, shape); }
}
