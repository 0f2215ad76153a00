package org.tilevm.spec.print;

import java.util.Arrays;
import java.util.List;
import org.tilevm.layout.GlobalLayout;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.layout.Sym;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** Small builders for test programs (shared by the printer and verifier tests). */
public final class Ir {
    private Ir() {}

    /** The m16n8k16 accumulator fragment layout: shape [16, 8] over 32 threads. */
    public static final RegisterLayout MMA_C = Layouts.local(2, 1).spatial(8, 4).local(1, 2);

    public static TensorVar reg(String name, DType t, RegisterLayout l) {
        return new TensorVar(name, new TensorType.Register(t, l));
    }

    public static TensorVar shared(String name, DType t, SharedLayout l) {
        return new TensorVar(name, new TensorType.Shared(t, l));
    }

    public static TensorVar global(String name, DType t, GlobalLayout l) {
        return new TensorVar(name, new TensorType.Global(t, l));
    }

    /** Row-major global layout over parameter names or integer constants, e.g. {@code rowMajor("m", "k")}. */
    public static GlobalLayout rowMajor(String... dims) {
        return GlobalLayout.rowMajor(Arrays.stream(dims).map(Ir::sym).toList());
    }

    public static Sym sym(String s) {
        return s.chars().allMatch(Character::isDigit) ? Sym.constant(Long.parseLong(s)) : Sym.var(s);
    }

    public static Var i32(String name) { return new Var(name, DTypes.I32); }

    public static Expr.IntConst c(long v) { return Expr.i32(v); }

    public static Expr bin(BinaryOp op, Expr a, Expr b) { return new Expr.Binary(op, a, b); }

    public static Expr add(Expr a, Expr b) { return bin(BinaryOp.ADD, a, b); }

    public static Expr sub(Expr a, Expr b) { return bin(BinaryOp.SUB, a, b); }

    public static Expr mul(Expr a, Expr b) { return bin(BinaryOp.MUL, a, b); }

    public static Expr div(Expr a, Expr b) { return bin(BinaryOp.DIV, a, b); }

    /** {@code (a + (b - 1)) / b}, the number of b-sized tiles covering a. */
    public static Expr ceilDiv(Expr a, long b) { return div(add(a, c(b - 1)), c(b)); }

    public static Expr bx() { return new Expr.BlockIdx(0); }

    public static Expr by() { return new Expr.BlockIdx(1); }

    public static Stmt.Exec exec(Instruction i) { return new Stmt.Exec(i); }

    public static Stmt.Seq seq(Stmt... body) { return new Stmt.Seq(List.of(body)); }

    public static Program program(String name, List<Param> params, List<Expr> grid, int warps, Stmt... body) {
        return new Program(name, params, grid, warps, seq(body));
    }
}
