package org.tilevm.codegen.ptx.sim;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tilevm.codegen.ptx.tir.ThreadProgram;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Var;

/**
 * The checked arguments of one simulated launch, with the conventions of
 * {@link org.tilevm.spec.backend.Backend#launch} (and the interpreter's messages): a
 * {@link MemorySegment} per pointer parameter; an {@code Integer}/{@code Long}/{@code Short}/
 * {@code Byte} that fits per integer scalar; any {@code Number} per float scalar, rounded to its
 * type. Also evaluates the grid, whose expressions are over the integer scalar parameters.
 */
final class LaunchBinding {
    final Map<String, MemorySegment> pointers = new HashMap<>();
    /** Integer scalars: their value; float scalars: their value (rounded to the dtype) as double bits. */
    final Map<String, Long> scalars = new HashMap<>();
    final int[] grid = {1, 1, 1};

    private LaunchBinding() {}

    static LaunchBinding bind(ThreadProgram program, Map<String, Object> args) {
        String where = "launch of " + program.name() + ": ";
        LaunchBinding out = new LaunchBinding();
        for (String name : args.keySet()) {
            if (program.params().stream().noneMatch(p -> p.name().equals(name))) {
                throw new SimulationException(where + "argument '" + name + "' does not name a parameter (parameters: "
                        + program.params().stream().map(Param::name).collect(Collectors.joining(", ")) + ")");
            }
        }
        for (Param p : program.params()) {
            if (!args.containsKey(p.name())) {
                throw new SimulationException(where + "missing argument for parameter '" + p.name() + "' (" + describe(p) + ")");
            }
            Object a = args.get(p.name());
            if (a == null) throw new SimulationException(where + "argument for parameter '" + p.name() + "' is null");
            if (p.pointer()) {
                if (!(a instanceof MemorySegment seg)) {
                    throw new SimulationException(where + "parameter '" + p.name() + "' is " + describe(p)
                            + ": expected a MemorySegment, got " + a.getClass().getSimpleName());
                }
                out.pointers.put(p.name(), seg);
            } else {
                out.scalars.put(p.name(), scalar(where, p, a));
            }
        }
        out.evaluateGrid(program);
        return out;
    }

    private static long scalar(String where, Param p, Object a) {
        if (!(a instanceof Number n)) {
            throw new SimulationException(where + "parameter '" + p.name() + "' is " + describe(p) + ": expected a Number, got "
                    + a.getClass().getSimpleName());
        }
        return switch (p.dtype()) {
            case IntType it -> {
                if (!(a instanceof Integer || a instanceof Long || a instanceof Short || a instanceof Byte)) {
                    throw new SimulationException(where + "parameter '" + p.name() + "' is " + describe(p)
                            + ": expected an Integer or Long, got " + a.getClass().getSimpleName() + " " + a);
                }
                long v = n.longValue();
                if (!it.fits(v)) {
                    throw new SimulationException(where + "argument " + p.name() + " = " + v + " does not fit in " + it.name()
                            + " [" + it.minLong() + ", " + it.maxLong() + "]");
                }
                yield v;
            }
            case FloatType ft -> Double.doubleToRawLongBits(ft.decode(ft.encode(n.doubleValue())));
        };
    }

    private static String describe(Param p) {
        return p.pointer() ? "a pointer to " + p.dtype().name() : "a " + p.dtype().name() + " scalar";
    }

    private void evaluateGrid(ThreadProgram program) {
        List<Expr> g = program.grid();
        if (g.isEmpty() || g.size() > 3) {
            throw new SimulationException(program.name() + ": the grid has " + g.size() + " dimensions, expected 1 to 3");
        }
        for (int d = 0; d < g.size(); d++) {
            long v;
            try {
                v = gridValue(g.get(d));
            } catch (Fault f) {
                throw new SimulationException(program.name() + ": grid[" + d + "]: " + f.getMessage());
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new SimulationException(program.name() + ": grid[" + d + "] evaluates to " + v + ", expected 0 to "
                        + Integer.MAX_VALUE);
            }
            grid[d] = (int) v;
        }
    }

    /** An integer grid expression over the integer scalar parameters (vm-spec scalar semantics: wrap to the type). */
    private long gridValue(Expr e) {
        if (!(e.type() instanceof IntType t)) throw new Fault(-1, "grid expressions must be integers, got " + e.type().name());
        return switch (e) {
            case Expr.IntConst c -> t.wrap(c.value());
            case Var v -> {
                Long val = scalars.get(v.name());
                if (val == null) throw new Fault(-1, "'" + v.name() + "' is not a scalar parameter");
                yield t.wrap(val);
            }
            case Expr.Binary b -> {
                long x = gridValue(b.a()), y = gridValue(b.b());
                yield switch (b.op()) {
                    case ADD -> t.wrap(x + y);
                    case SUB -> t.wrap(x - y);
                    case MUL -> t.wrap(x * y);
                    case DIV, MOD -> {
                        if (y == 0) throw new Fault(-1, "integer division by zero");
                        yield t.wrap(b.op() == org.tilevm.spec.ir.BinaryOp.DIV ? x / y : x % y);
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
            case Expr.Unary u -> {
                long x = gridValue(u.a());
                yield switch (u.op()) {
                    case NEG -> t.wrap(-x);
                    case ABS -> t.wrap(Math.abs(x));
                    case NOT -> x == 0 ? 1 : 0;
                    case BIT_NOT -> t.wrap(~x);
                    default -> throw new Fault(-1, "unary " + u.op().symbol() + " is not an integer operator");
                };
            }
            case Expr.Select s -> gridValue(s.cond()) != 0 ? gridValue(s.a()) : gridValue(s.b());
            case Expr.Cast c -> {
                if (!(c.a().type() instanceof IntType)) throw new Fault(-1, "grid casts must be from integers");
                yield t.wrap(gridValue(c.a())); // int -> int wraps modulo 2^bits
            }
            case Expr.BlockIdx b -> throw new Fault(-1, "blockIdx is not defined in the grid");
            case Expr.FloatConst f -> throw new Fault(-1, "grid expressions must be integers");
        };
    }
}
