package org.tilevm.spec.backend;

import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.BinaryOp;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Var;
import org.tilevm.spec.ir.Param;

/**
 * The launch arguments of a program, checked once against its parameters for every backend:
 * each parameter has an argument and each argument names a parameter; pointers are
 * {@link MemorySegment}s; integer scalars are {@code Integer}/{@code Long}/{@code Short}/{@code Byte}
 * values that fit their dtype; float scalars are any {@link Number}. Backends then convert the
 * values to their own representation (float scalars: the dtype's rounding of the value).
 *
 * @param pointers pointer arguments by parameter name
 * @param integers integer scalar arguments by parameter name (what grids and sizes are evaluated with)
 * @param floats   float scalar arguments by parameter name, as given
 */
public record LaunchArguments(Map<String, MemorySegment> pointers, Map<String, Long> integers, Map<String, Number> floats) {

    /**
     * Checks {@code args} against {@code params} of program {@code programName}.
     *
     * @throws LaunchException naming the launch, the parameter and what is wrong
     */
    public static LaunchArguments check(String programName, List<Param> params, Map<String, ?> args) {
        String where = "launch of " + programName + ": ";
        for (String name : args.keySet()) {
            if (params.stream().noneMatch(p -> p.name().equals(name))) {
                throw new LaunchException(where + "argument '" + name + "' does not name a parameter (parameters: "
                        + params.stream().map(Param::name).collect(Collectors.joining(", ")) + ")");
            }
        }
        Map<String, MemorySegment> pointers = new LinkedHashMap<>();
        Map<String, Long> integers = new LinkedHashMap<>();
        Map<String, Number> floats = new LinkedHashMap<>();
        for (Param p : params) {
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
                pointers.put(p.name(), seg);
                continue;
            }
            if (!(a instanceof Number n)) {
                throw new LaunchException(where + "parameter '" + p.name() + "' is " + describe(p) + ": expected a Number, got "
                        + a.getClass().getSimpleName());
            }
            if (p.dtype() instanceof IntType it) {
                if (!(a instanceof Integer || a instanceof Long || a instanceof Short || a instanceof Byte)) {
                    throw new LaunchException(where + "parameter '" + p.name() + "' is " + describe(p)
                            + ": expected an Integer or Long, got " + a.getClass().getSimpleName() + " " + a);
                }
                long v = n.longValue();
                if (!it.fits(v)) {
                    throw new LaunchException(where + "argument " + p.name() + " = " + v + " does not fit in " + it.name()
                            + " [" + it.minLong() + ", " + it.maxLong() + "]");
                }
                integers.put(p.name(), v);
            } else {
                floats.put(p.name(), n);
            }
        }
        return new LaunchArguments(Map.copyOf(pointers), Map.copyOf(integers), Map.copyOf(floats));
    }

    /**
     * The grid (blocks along x, y, z) of a launch: each expression of {@code grid} evaluated over
     * the integer scalar arguments with the scalar semantics of SPEC Part S (wrapping to the type).
     *
     * @throws LaunchException for a grid of 0 or more than 3 axes, an expression that is not
     *         integer or cannot be evaluated, or a size outside [0, 2^31-1]
     */
    public int[] grid(String programName, List<Expr> grid) {
        if (grid.isEmpty() || grid.size() > 3) {
            throw new LaunchException(programName + ": the grid has " + grid.size() + " dimensions, expected 1 to 3");
        }
        int[] out = {1, 1, 1};
        for (int d = 0; d < grid.size(); d++) {
            long v;
            try {
                v = gridValue(grid.get(d), integers);
            } catch (IllegalArgumentException e) {
                throw new LaunchException(programName + ": grid[" + d + "]: " + e.getMessage(), e);
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new LaunchException(programName + ": grid[" + d + "] evaluates to " + v + ", expected 0 to "
                        + Integer.MAX_VALUE);
            }
            out[d] = (int) v;
        }
        return out;
    }

    /** An integer grid expression over the integer scalar parameters, with vm-spec's scalar semantics (wrapping to the type). */
    private static long gridValue(Expr e, Map<String, Long> ints) {
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

    /** "a pointer to f16" or "a u8 scalar". */
    public static String describe(Param p) {
        return p.pointer() ? "a pointer to " + p.dtype().name() : "a " + p.dtype().name() + " scalar";
    }
}
