package org.tilevm.codegen.ptx.sim;

import java.util.List;
import java.util.Map;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TExpr;
import org.tilevm.codegen.ptx.tir.TExpr.BOp;
import org.tilevm.codegen.ptx.tir.TExpr.UOp;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.ir.Param;

/**
 * Compiles {@link TExpr}s to {@link Ev}s: resolves variables (per-thread variables of the scope,
 * else scalar parameters) and register arrays, and checks the typing rules the records state
 * (operands of the same type, PRED conditions, integer or float operands where required, bit
 * ranges inside arrays). A violation is a {@link Fault} that the statement compiler names.
 * {@code &&}, {@code ||} and {@code ?:} evaluate only the operands they need, per thread.
 */
final class ExprCompiler {
    private final Map<String, Param> params;
    private final List<Compiled.ParamRef> paramRefs;
    Scope scope;

    ExprCompiler(Map<String, Param> params, List<Compiled.ParamRef> paramRefs) {
        this.params = params;
        this.paramRefs = paramRefs;
    }

    Ev compile(TExpr e) {
        return switch (e) {
            case TExpr.Const c -> new FastOps.Constant(c.bits());
            case TExpr.Var v -> variable(v);
            case TExpr.ThreadIdx x -> (b, t) -> t;
            case TExpr.BlockIdx x -> {
                int axis = x.axis();
                if (axis < 0 || axis > 2) throw new Fault(-1, "blockIdx axis " + axis + " (expected 0, 1 or 2)");
                yield (b, t) -> b.blockIdx[axis];
            }
            case TExpr.Bin x -> binary(x);
            case TExpr.Un x -> unary(x);
            case TExpr.Select x -> {
                requireType(x.cond(), ScalarType.PRED, "the condition of ?:");
                sameType(x.a(), x.b(), "?:");
                Ev c = compile(x.cond()), a = compile(x.a()), o = compile(x.b());
                yield (b, t) -> c.eval(b, t) != 0 ? a.eval(b, t) : o.eval(b, t);
            }
            case TExpr.Convert x -> {
                Ev a = compile(x.a());
                ScalarType from = x.a().type(), to = x.type();
                if (FastOps.convertIsIdentity(from, to)) yield a;
                if (a instanceof FastOps.Constant k) yield new FastOps.Constant(Scalars.convert(k.value(), from, to));
                yield (b, t) -> Scalars.convert(a.eval(b, t), from, to);
            }
            case TExpr.Bitcast x -> {
                Ev a = compile(x.a());
                ScalarType to = x.type();
                yield (b, t) -> Scalars.bitcast(a.eval(b, t), to);
            }
            case TExpr.GetBits x -> {
                int slot = array(x.array(), x.bit(), x.nbits());
                int bit = x.bit(), n = x.nbits();
                yield (b, t) -> Bits.get(b.arrays[slot][t], bit, n);
            }
            case TExpr.Decode x -> {
                requireInteger(x.code(), "the code of decode");
                Ev c = compile(x.code());
                DType d = x.dtype();
                yield (b, t) -> Codes.decode(d, c.eval(b, t));
            }
            case TExpr.Encode x -> encode(x);
            case TExpr.CastCode x -> {
                requireInteger(x.code(), "the code of a cast");
                Ev c = compile(x.code());
                DType from = x.from(), to = x.to();
                yield (b, t) -> Codes.cast(from, to, c.eval(b, t));
            }
            case TExpr.Lop3 x -> {
                Ev a = word(x.a(), "lop3"), bb = word(x.b(), "lop3"), c = word(x.c(), "lop3");
                int lut = x.lut();
                yield (b, t) -> Integer.toUnsignedLong(Bits.lop3((int) a.eval(b, t), (int) bb.eval(b, t), (int) c.eval(b, t), lut));
            }
            case TExpr.Prmt x -> {
                Ev a = word(x.a(), "prmt"), bb = word(x.b(), "prmt"), s = word(x.selector(), "prmt");
                yield (b, t) -> Integer.toUnsignedLong(Bits.prmt((int) a.eval(b, t), (int) bb.eval(b, t), (int) s.eval(b, t)));
            }
            case TExpr.Half2 x -> half2(x);
        };
    }

    private Ev variable(TExpr.Var v) {
        Scope.VarSym sym = scope.findVar(v.name());
        if (sym != null) {
            if (sym.type() != v.type()) {
                throw new Fault(-1, "variable " + v.name() + " is declared as " + sym.type() + " but read as " + v.type());
            }
            int slot = sym.slot();
            return (b, t) -> b.vars[slot][t];
        }
        Param p = params.get(v.name());
        if (p == null) throw new Fault(-1, "variable " + v.name() + " is not declared (and is not a parameter)");
        if (p.pointer()) throw new Fault(-1, "'" + v.name() + "' is a pointer parameter, not a scalar");
        if (!Compiled.readable(p, v.type())) {
            throw new Fault(-1, "parameter " + p.name() + " (" + p.dtype().name() + ") is read as " + v.type());
        }
        Compiled.ParamRef ref = new Compiled.ParamRef(p, v.type());
        int idx = paramRefs.indexOf(ref);
        if (idx < 0) {
            idx = paramRefs.size();
            paramRefs.add(ref);
        }
        int i = idx;
        return (b, t) -> b.launch.params()[i];
    }

    /** The slot of register array {@code name}, checking that bits {@code [bit, bit+nbits)} lie inside it. */
    int array(String name, long bit, long nbits) {
        Scope.ArraySym a = scope.findArray(name);
        if (a == null) throw new Fault(-1, "register array " + name + " is not declared");
        if (bit < 0 || bit + nbits > 32L * a.words()) {
            throw new Fault(-1, "bits [" + bit + ", " + (bit + nbits) + ") are outside register array " + name + " of "
                    + a.words() + " words (" + 32 * a.words() + " bits)");
        }
        return a.slot();
    }

    private Ev binary(TExpr.Bin x) {
        BOp op = x.op();
        ScalarType ty = x.a().type();
        sameType(x.a(), x.b(), op.symbol());
        Ev a = compile(x.a()), c = compile(x.b());
        if (op == BOp.LAND || op == BOp.LOR) {
            requireType(x.a(), ScalarType.PRED, "the operands of " + op.symbol());
            return op == BOp.LAND
                    ? (b, t) -> a.eval(b, t) != 0 && c.eval(b, t) != 0 ? 1 : 0
                    : (b, t) -> a.eval(b, t) != 0 || c.eval(b, t) != 0 ? 1 : 0;
        }
        boolean ok = switch (op) {
            case REM, AND, OR, XOR, SHL, SHR -> !ty.isFloat() && (ty != ScalarType.PRED || op == BOp.AND || op == BOp.OR || op == BOp.XOR);
            case ADD, SUB, MUL, DIV, MIN, MAX, LT, LE, GT, GE -> ty != ScalarType.PRED;
            default -> true;
        };
        if (!ok) throw new Fault(-1, "operator " + op.symbol() + " is not defined on " + ty);
        Ev fast = FastOps.binary(op, ty, a, c);
        if (fast != null) return fast;
        return (b, t) -> Scalars.binary(op, ty, a.eval(b, t), c.eval(b, t), t);
    }

    private Ev unary(TExpr.Un x) {
        UOp op = x.op();
        ScalarType ty = x.a().type();
        boolean ok = switch (op) {
            case NEG, ABS -> ty != ScalarType.PRED;
            case NOT -> !ty.isFloat();
            case LNOT -> true;
            case SQRT, RSQRT, EXP, LOG -> ty.isFloat();
        };
        if (!ok) throw new Fault(-1, "operator " + op + " is not defined on " + ty);
        Ev a = compile(x.a());
        return (b, t) -> Scalars.unary(op, ty, a.eval(b, t));
    }

    private Ev encode(TExpr.Encode x) {
        ScalarType vt = x.value().type();
        if (x.dtype().isFloat() ? !vt.isFloat() : !vt.isInteger()) {
            throw new Fault(-1, "encode to " + x.dtype().name() + " needs " + (x.dtype().isFloat() ? "an F32 or F64" : "an integer")
                    + " value, got " + vt);
        }
        Ev v = compile(x.value());
        DType d = x.dtype();
        TExpr.Rounding r = x.rounding();
        return (b, t) -> Codes.encode(d, v.eval(b, t), vt, r);
    }

    private Ev half2(TExpr.Half2 x) {
        boolean fma = x.op() == TExpr.H2Op.FMA;
        if (fma != (x.c() != null)) {
            throw new Fault(-1, "half2 " + x.op() + (fma ? " needs" : " takes no") + " third operand");
        }
        Ev a = word(x.a(), "half2"), c2 = word(x.b(), "half2");
        Ev c3 = fma ? word(x.c(), "half2") : (b, t) -> 0;
        TExpr.H2Op op = x.op();
        boolean bf = x.bf16();
        return (b, t) -> Integer.toUnsignedLong(Half2Math.apply(op, bf, (int) a.eval(b, t), (int) c2.eval(b, t), (int) c3.eval(b, t)));
    }

    /** A 32-bit integer operand of a bit instruction. */
    private Ev word(TExpr e, String what) {
        if (!e.type().isInteger() || e.type().bits() != 32) {
            throw new Fault(-1, "operands of " + what + " must be 32-bit integers, got " + e.type());
        }
        return compile(e);
    }

    private static void sameType(TExpr a, TExpr b, String op) {
        if (a.type() != b.type()) throw new Fault(-1, "operands of " + op + " have different types " + a.type() + " and " + b.type());
    }

    static void requireType(TExpr e, ScalarType t, String what) {
        if (e.type() != t) throw new Fault(-1, what + " must be " + t + ", got " + e.type());
    }

    static void requireInteger(TExpr e, String what) {
        if (!e.type().isInteger()) throw new Fault(-1, what + " must be an integer, got " + e.type());
    }
}
