package org.tilevm.codegen.ptx.cuda.backend;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.ir.Var;

/**
 * The checked arguments of one CUDA launch, with the conventions (and messages) of the reference
 * interpreter: a {@link MemorySegment} per pointer parameter; an {@code Integer}/{@code Long}/
 * {@code Short}/{@code Byte} that fits per integer scalar; any {@code Number} per float scalar.
 * Scalars are kept as the bits the kernel receives: integers as their value, floats as their
 * code in the parameter's dtype ({@code FloatType.encode}, the rounding the interpreter applies).
 * Also evaluates the grid, whose expressions are over the integer scalar parameters.
 */
final class KernelArguments {
    /** Pointer arguments by parameter name. */
    final Map<String, MemorySegment> pointers = new HashMap<>();
    /** Scalar arguments by parameter name: integer value, or float code. */
    final Map<String, Long> scalars = new LinkedHashMap<>();
    /** Blocks along x, y, z. */
    final int[] grid = {1, 1, 1};

    private KernelArguments() {}

    static KernelArguments bind(Program program, Map<String, Object> args) {
        String where = "launch of " + program.name() + ": ";
        KernelArguments out = new KernelArguments();
        for (String name : args.keySet()) {
            if (program.param(name).isEmpty()) {
                throw new LaunchException(where + "argument '" + name + "' does not name a parameter (parameters: "
                        + program.params().stream().map(Param::name).collect(Collectors.joining(", ")) + ")");
            }
        }
        Map<String, Long> intValues = new HashMap<>();
        for (Param p : program.params()) {
            if (!args.containsKey(p.name())) {
                throw new LaunchException(where + "missing argument for parameter '" + p.name() + "' (" + describe(p) + ")");
            }
            Object a = args.get(p.name());
            if (a == null) throw new LaunchException(where + "argument for parameter '" + p.name() + "' is null");
            if (p.pointer()) {
                if (!(a instanceof MemorySegment seg)) {
                    throw new LaunchException(where + "parameter '" + p.name() + "' is " + describe(p)
                            + ": expected a MemorySegment, got " + a.getClass().getSimpleName());
                }
                out.pointers.put(p.name(), seg);
            } else {
                long bits = scalar(where, p, a);
                out.scalars.put(p.name(), bits);
                if (p.dtype() instanceof IntType) intValues.put(p.name(), bits);
            }
        }
        out.evaluateGrid(program, intValues);
        return out;
    }

    private static long scalar(String where, Param p, Object a) {
        if (!(a instanceof Number n)) {
            throw new LaunchException(where + "parameter '" + p.name() + "' is " + describe(p) + ": expected a Number, got "
                    + a.getClass().getSimpleName());
        }
        return switch (p.dtype()) {
            case IntType it -> {
                if (!(a instanceof Integer || a instanceof Long || a instanceof Short || a instanceof Byte)) {
                    throw new LaunchException(where + "parameter '" + p.name() + "' is " + describe(p)
                            + ": expected an Integer or Long, got " + a.getClass().getSimpleName() + " " + a);
                }
                long v = n.longValue();
                if (!it.fits(v)) {
                    throw new LaunchException(where + "argument " + p.name() + " = " + v + " does not fit in " + it.name()
                            + " [" + it.minLong() + ", " + it.maxLong() + "]");
                }
                yield v;
            }
            case FloatType ft -> ft.encode(n.doubleValue());
        };
    }

    static String describe(Param p) {
        return p.pointer() ? "a pointer to " + p.dtype().name() : "a " + p.dtype().name() + " scalar";
    }

    private void evaluateGrid(Program program, Map<String, Long> ints) {
        List<Expr> g = program.grid();
        if (g.isEmpty() || g.size() > 3) {
            throw new LaunchException(program.name() + ": the grid has " + g.size() + " dimensions, expected 1 to 3");
        }
        for (int d = 0; d < g.size(); d++) {
            long v;
            try {
                v = gridValue(g.get(d), ints);
            } catch (IllegalArgumentException e) {
                throw new LaunchException(program.name() + ": grid[" + d + "]: " + e.getMessage(), e);
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new LaunchException(program.name() + ": grid[" + d + "] evaluates to " + v + ", expected 0 to "
                        + Integer.MAX_VALUE);
            }
            grid[d] = (int) v;
        }
    }

    /** An integer grid expression over the integer scalar parameters, with vm-spec's scalar semantics (wrapping to the type). */
    static long gridValue(Expr e, Map<String, Long> ints) {
        if (!(e.type() instanceof IntType t)) throw new IllegalArgumentException("grid expressions must be integers, got " + e.type().name());
        return switch (e) {
            case Expr.IntConst c -> t.wrap(c.value());
            case Var v -> {
                Long val = ints.get(v.name());
                if (val == null) throw new IllegalArgumentException("'" + v.name() + "' is not an integer scalar parameter");
                yield t.wrap(val);
            }
            case Expr.Binary b -> binary(b.op(), t, gridValue(b.a(), ints), gridValue(b.b(), ints));
            case Expr.Unary u -> {
                long x = gridValue(u.a(), ints);
                yield switch (u.op()) {
                    case NEG -> t.wrap(-x);
                    case ABS -> t.wrap(Math.abs(x));
                    case NOT -> x == 0 ? 1 : 0;
                    case BIT_NOT -> t.wrap(~x);
                    default -> throw new IllegalArgumentException("unary " + u.op().symbol() + " is not an integer operator");
                };
            }
            case Expr.Select s -> gridValue(s.cond(), ints) != 0 ? gridValue(s.a(), ints) : gridValue(s.b(), ints);
            case Expr.Cast c -> {
                if (!(c.a().type() instanceof IntType)) throw new IllegalArgumentException("grid casts must be from integers");
                yield t.wrap(gridValue(c.a(), ints));
            }
            case Expr.BlockIdx b -> throw new IllegalArgumentException("blockIdx is not defined in the grid");
            case Expr.FloatConst f -> throw new IllegalArgumentException("grid expressions must be integers");
        };
    }

    private static long binary(BinaryOp op, IntType t, long x, long y) {
        return switch (op) {
            case ADD -> t.wrap(x + y);
            case SUB -> t.wrap(x - y);
            case MUL -> t.wrap(x * y);
            case DIV, MOD -> {
                if (y == 0) throw new IllegalArgumentException("integer division by zero");
                yield t.wrap(op == BinaryOp.DIV ? x / y : x % y);
            }
            case MIN -> Math.min(x, y);
            case MAX -> Math.max(x, y);
            case BIT_AND -> t.wrap(x & y);
            case BIT_OR -> t.wrap(x | y);
            case BIT_XOR -> t.wrap(x ^ y);
            case SHL -> t.wrap(x << Math.floorMod(y, t.bits()));
            case SHR -> t.wrap(x >> Math.floorMod(y, t.bits()));
            case LT -> x < y ? 1 : 0;
            case LE -> x <= y ? 1 : 0;
            case GT -> x > y ? 1 : 0;
            case GE -> x >= y ? 1 : 0;
            case EQ -> x == y ? 1 : 0;
            case NE -> x != y ? 1 : 0;
            case AND -> x != 0 && y != 0 ? 1 : 0;
            case OR -> x != 0 || y != 0 ? 1 : 0;
        };
    }
}
