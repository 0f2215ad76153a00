package org.tilevm.frontend.dsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.tilevm.layout.GlobalLayout;
import org.tilevm.layout.LayoutException;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.layout.SharedLayout;
import org.tilevm.layout.Sym;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/**
 * Builds one TileVM {@link Program} by staging (see the package documentation and
 * {@code frontend/DSL.md}). Obtain one only through {@link #build}; every method appends to the
 * statement list of the innermost open scope.
 *
 * <p>Names: parameter names are used exactly (they are the launch argument keys) and must be
 * distinct. Names given to loops, variables and tensors are hints: the builder appends
 * {@code _1}, {@code _2}, ... where needed so that every name in the program is unique.
 */
public final class Kernel {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String name;
    private final List<Param> params = new ArrayList<>();
    private final Set<String> scalarParams = new HashSet<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, Frame> varScopes = new HashMap<>();
    private final List<RegisterLayout> registerLayouts = new ArrayList<>();
    private final Frame root = new Frame(null, "body", false);
    private Frame current = root;
    private List<Expr> grid;
    private int numWarps;
    private boolean built;

    private Kernel(String name) { this.name = name; }

    /**
     * Runs {@code body} once with a fresh kernel builder and returns the program it built, after
     * checking it with the verifier.
     *
     * @throws DslException when the program cannot be built as written
     */
    public static Program build(String name, Consumer<Kernel> body) {
        if (name == null || !IDENT.matcher(name).matches()) {
            throw new DslException("invalid kernel name '" + name + "': expected an identifier");
        }
        Kernel k = new Kernel(name);
        body.accept(k);
        return k.finish();
    }

    private Program finish() {
        checkOpen();
        if (current != root) throw new DslException(where() + ": scope not closed");
        if (numWarps == 0) throw new DslException("kernel '" + name + "': the number of warps is not set; call warps(n)");
        if (grid == null) throw new DslException("kernel '" + name + "': the grid is not set; call grid(...)");
        for (RegisterLayout l : registerLayouts) checkThreads(l, "register tensor");
        Program p = new Program(name, params, grid, numWarps, root.close());
        built = true;
        org.tilevm.spec.verify.Verifier.check(p);
        return p;
    }

    // ------------------------------------------------------------------ kernel header

    /** The kernel name. */
    public String name() { return name; }

    /** A scalar parameter, in launch order after the parameters declared before it. */
    public ScalarParam param(String name, DType dtype) {
        Param p = declareParam(Param.scalar(checkParamName(name), dtype));
        scalarParams.add(name);
        varScopes.put(name, root);
        return new ScalarParam(p, this);
    }

    /** A pointer parameter to packed elements of {@code dtype} in global memory. */
    public Pointer pointer(String name, DType dtype) {
        return new Pointer(declareParam(Param.pointer(checkParamName(name), dtype)), this);
    }

    /** Sets the number of warps per block (the block has {@code 32 * n} threads); once. */
    public void warps(int n) {
        checkOpen();
        if (numWarps != 0) throw new DslException(where() + ": warps already set to " + numWarps);
        if (n < 1 || n > 32) throw new DslException(where() + ": warps must be 1..32, got " + n);
        numWarps = n;
        for (RegisterLayout l : registerLayouts) checkThreads(l, "register tensor");
    }

    /** The number of warps set by {@link #warps}. */
    public int numWarps() {
        if (numWarps == 0) throw new DslException(where() + ": the number of warps is not set yet; call warps(n) first");
        return numWarps;
    }

    /** Threads per block, {@code 32 * numWarps()}. */
    public int numThreads() { return 32 * numWarps(); }

    /** Sets the grid: 1 to 3 integer expressions over scalar parameters (blocks along x, y, z); once. */
    public void grid(Scalar... dims) {
        checkOpen();
        if (grid != null) throw new DslException(where() + ": grid already set");
        if (dims.length < 1 || dims.length > 3) throw new DslException(where() + ": grid needs 1 to 3 dimensions, got " + dims.length);
        List<Expr> g = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            Expr e = scalar(dims[i], "grid dimension " + i);
            if (e.type().isFloat()) throw new DslException(where() + ": grid dimension " + i + " must be an integer, got " + e.type().name());
            requireParamsOnly(e, "grid dimension " + i);
            g.add(e);
        }
        grid = List.copyOf(g);
    }

    /** Sets a grid of constant sizes. */
    public void grid(int... dims) {
        grid(Arrays.stream(dims).mapToObj(Scalar::i32).toArray(Scalar[]::new));
    }

    /** {@code blockIdx.x/y/z}: this block's index along grid axis 0, 1 or 2 ({@code i32}). */
    public Scalar blockIdx(int axis) {
        if (axis < 0 || axis > 2) throw new DslException(where() + ": blockIdx axis must be 0, 1 or 2, got " + axis);
        return new Scalar(new Expr.BlockIdx(axis), this);
    }

    // ------------------------------------------------------------------ control flow and scalars

    /** {@code for (i = 0; i < extent; i++) body(i)}: one {@link Stmt.For}; the body runs once, at build time. */
    public void forRange(String name, Scalar extent, Consumer<Scalar> body) { forRange(name, extent, 0, body); }

    public void forRange(String name, long extent, Consumer<Scalar> body) { forRange(name, Scalar.i32(extent), 0, body); }

    public void forRange(String name, long extent, int unroll, Consumer<Scalar> body) {
        forRange(name, Scalar.i32(extent), unroll, body);
    }

    /**
     * A loop with an unroll hint: 0 none, -1 fully, n by n (a hint for code generators that never
     * changes the meaning).
     */
    public void forRange(String name, Scalar extent, int unroll, Consumer<Scalar> body) {
        Expr ext = scalar(extent, "loop extent");
        if (ext.type().isFloat()) throw new DslException(where() + ": loop extent must be an integer, got " + ext.type().name());
        if (unroll < -1) throw new DslException(where() + ": unroll must be -1 (full), 0 (none) or a factor, got " + unroll);
        Var iter = new Var(fresh(name), ext.type());
        Frame f = push("for " + iter.name(), true);
        varScopes.put(iter.name(), f);
        Stmt.Seq seq = run(f, () -> body.accept(new Scalar(iter, this)));
        current.stmts.add(new Stmt.For(iter, ext, unroll, seq));
    }

    /** {@code if (cond) then}: one {@link Stmt.If} without else. */
    public void ifThen(Scalar cond, Runnable then) {
        Expr c = condition(cond, "if condition");
        Stmt.Seq t = run(push("if", false), then);
        current.stmts.add(new Stmt.If(c, t, null));
    }

    /** {@code if (cond) then else otherwise}. */
    public void ifElse(Scalar cond, Runnable then, Runnable otherwise) {
        Expr c = condition(cond, "if condition");
        Stmt.Seq t = run(push("if", false), then);
        Stmt.Seq e = run(push("else", false), otherwise);
        current.stmts.add(new Stmt.If(c, t, e));
    }

    /** {@code while (cond) body}; cond is re-evaluated before every iteration (use {@link Variable}s). */
    public void whileLoop(Scalar cond, Runnable body) {
        Expr c = condition(cond, "while condition");
        Stmt.Seq b = run(push("while", true), body);
        current.stmts.add(new Stmt.While(c, b));
    }

    /** Leaves the innermost enclosing {@code forRange} or {@code whileLoop}. */
    public void breakLoop() {
        checkOpen();
        if (!current.insideLoop()) throw new DslException(where() + ": breakLoop outside of forRange/whileLoop");
        current.stmts.add(new Stmt.Break());
    }

    /** Declares a scalar variable initialized to {@code value}, visible until the end of the current scope. */
    public Variable let(String name, Scalar value) {
        Expr v = scalar(value, "let '" + name + "'");
        Var var = new Var(fresh(name), v.type());
        varScopes.put(var.name(), current);
        current.stmts.add(new Stmt.Let(var, v));
        return new Variable(var, this);
    }

    /** Declares a scalar variable of {@code type} initialized to a constant. */
    public Variable let(String name, DType type, long value) { return let(name, Scalar.constant(value, type)); }

    /** Gives {@code var} a new value of its dtype (a literal adapts to it). */
    public void assign(Variable var, Scalar value) {
        scalar(var, "assign target");
        String what = "value assigned to '" + var.name() + "'";
        scalar(value, what);
        Expr v = Scalar.coerce(value, var.type(), what, this);
        current.stmts.add(new Stmt.Assign(var.var(), v));
    }

    public void assign(Variable var, long value) { assign(var, new Scalar(Scalar.constExpr(value, var.type(), where()), null)); }

    public void assign(Variable var, double value) { assign(var, new Scalar(Scalar.constExpr(value, var.type(), where()), null)); }

    // ------------------------------------------------------------------ allocation and views

    /** A register tensor with every element 0. */
    public RegisterTensor registerTensor(DType dtype, RegisterLayout layout) { return registerTensor("r", dtype, layout, null); }

    /** A register tensor with every element {@code init} (a constant of the dtype). */
    public RegisterTensor registerTensor(DType dtype, RegisterLayout layout, double init) {
        return registerTensor("r", dtype, layout, new Scalar(Scalar.constExpr(init, dtype, where()), null));
    }

    public RegisterTensor registerTensor(DType dtype, RegisterLayout layout, long init) {
        return registerTensor("r", dtype, layout, new Scalar(Scalar.constExpr(init, dtype, where()), null));
    }

    /** A register tensor with every element {@code init} converted to the dtype; null init means 0. */
    public RegisterTensor registerTensor(DType dtype, RegisterLayout layout, Scalar init) {
        return registerTensor("r", dtype, layout, init);
    }

    /** A register tensor named after {@code name} with every element the constant {@code init}. */
    public RegisterTensor registerTensor(String name, DType dtype, RegisterLayout layout, double init) {
        return registerTensor(name, dtype, layout, new Scalar(Scalar.constExpr(init, dtype, where()), null));
    }

    /** A register tensor named after {@code name}; {@code init} may be null (0). */
    public RegisterTensor registerTensor(String name, DType dtype, RegisterLayout layout, Scalar init) {
        Expr e = null;
        if (init != null) {
            e = Scalar.isLiteral(init.expr()) ? Scalar.coerce(init, dtype, "initial value", this) : scalar(init, "initial value");
        }
        RegisterTensor t = newRegister(name, dtype, layout);
        emit(new AllocateRegister(t.var, e));
        return t;
    }

    /** A shared tile (contents undefined until written). */
    public SharedTensor sharedTensor(DType dtype, SharedLayout layout) { return sharedTensor("s", dtype, layout); }

    public SharedTensor sharedTensor(String name, DType dtype, SharedLayout layout) {
        checkOpen();
        SharedTensor t = new SharedTensor(this, new TensorVar(fresh(name), new TensorType.Shared(dtype, layout)), current);
        emit(new AllocateShared(t.var));
        return t;
    }

    /** Ends the life of a shared tile; using it afterwards is an error. */
    public void freeShared(SharedTensor t) {
        use(t, "free_shared");
        emit(new FreeShared(t.var));
        t.freed = true;
    }

    /** A zero-filled global workspace, row-major over {@code shape} (polynomials in scalar parameters). */
    public GlobalTensor globalTensor(DType dtype, Scalar... shape) {
        return globalTensor("workspace", dtype, GlobalLayout.rowMajor(syms(List.of(shape), "global tensor shape")));
    }

    public GlobalTensor globalTensor(String name, DType dtype, GlobalLayout layout) {
        checkOpen();
        GlobalTensor t = new GlobalTensor(this, new TensorVar(fresh(name), new TensorType.Global(dtype, layout)),
                current, layout.rank());
        emit(new AllocateGlobal(t.var));
        return t;
    }

    /** A row-major global tensor over {@code ptr}'s memory with this shape. */
    public GlobalTensor globalView(Pointer ptr, Scalar... shape) {
        return globalView("g_" + ptr.name(), ptr, GlobalLayout.rowMajor(syms(List.of(shape), "global view shape")));
    }

    /** A global tensor over {@code ptr}'s memory with explicit strides (in elements). */
    public GlobalTensor globalView(Pointer ptr, List<Scalar> shape, List<Scalar> strides) {
        if (shape.size() != strides.size()) {
            throw new DslException(where() + ": global view of '" + ptr.name() + "' has " + shape.size()
                    + " dimensions but " + strides.size() + " strides");
        }
        return globalView("g_" + ptr.name(), ptr,
                GlobalLayout.of(syms(shape, "global view shape"), syms(strides, "global view stride")));
    }

    public GlobalTensor globalView(Pointer ptr, GlobalLayout layout) { return globalView("g_" + ptr.name(), ptr, layout); }

    public GlobalTensor globalView(String name, Pointer ptr, GlobalLayout layout) {
        checkOpen();
        if (ptr.owner() != this) throw new DslException(where() + ": " + ptr + " belongs to kernel '" + ptr.owner().name() + "'");
        GlobalTensor t = new GlobalTensor(this, new TensorVar(fresh(name), new TensorType.Global(ptr.dtype(), layout)),
                current, layout.rank());
        emit(new GlobalView(t.var, ptr.param()));
        return t;
    }

    // ------------------------------------------------------------------ memory movement

    /** Loads the tile at {@code offsets} of {@code src} into a new register tensor of this layout (out-of-bounds reads 0). */
    public RegisterTensor loadGlobal(GlobalTensor src, RegisterLayout layout, Scalar... offsets) {
        use(src, "load_global");
        RegisterTensor out = newRegister("ld", src.dtype(), layout);
        return loadGlobalInto(out, src, offsets);
    }

    public RegisterTensor loadGlobal(GlobalTensor src, RegisterLayout layout, int... offsets) {
        return loadGlobal(src, layout, consts(offsets));
    }

    /** Loads into an existing register tensor (overwriting it). */
    public RegisterTensor loadGlobalInto(RegisterTensor out, GlobalTensor src, Scalar... offsets) {
        use(src, "load_global");
        use(out, "load_global");
        OperandChecks.sameDtype(where(), out, src, "load_global");
        List<Expr> offs = offsets(offsets, src.rank(), "load_global from " + src);
        OperandChecks.requireRank(where(), out, src.rank(), "load_global output");
        emit(new LoadGlobal(out.var, src.var, offs));
        return out;
    }

    public RegisterTensor loadGlobalInto(RegisterTensor out, GlobalTensor src, int... offsets) {
        return loadGlobalInto(out, src, consts(offsets));
    }

    /** Stores {@code src} at {@code offsets} of {@code dst}; out-of-bounds elements are not stored. */
    public void storeGlobal(RegisterTensor src, GlobalTensor dst, Scalar... offsets) {
        use(src, "store_global");
        use(dst, "store_global");
        OperandChecks.sameDtype(where(), src, dst, "store_global");
        List<Expr> offs = offsets(offsets, dst.rank(), "store_global to " + dst);
        OperandChecks.requireRank(where(), src, dst.rank(), "store_global source");
        emit(new StoreGlobal(src.var, dst.var, offs));
    }

    public void storeGlobal(RegisterTensor src, GlobalTensor dst, int... offsets) { storeGlobal(src, dst, consts(offsets)); }

    /** Loads the tile at {@code offsets} of a shared tensor (it must lie inside) into a new register tensor. */
    public RegisterTensor loadShared(SharedTensor src, RegisterLayout layout, Scalar... offsets) {
        use(src, "load_shared");
        RegisterTensor out = newRegister("lds", src.dtype(), layout);
        return loadSharedInto(out, src, offsets);
    }

    public RegisterTensor loadShared(SharedTensor src, RegisterLayout layout, int... offsets) {
        return loadShared(src, layout, consts(offsets));
    }

    public RegisterTensor loadSharedInto(RegisterTensor out, SharedTensor src, Scalar... offsets) {
        use(src, "load_shared");
        use(out, "load_shared");
        OperandChecks.sameDtype(where(), out, src, "load_shared");
        List<Expr> offs = offsets(offsets, src.rank(), "load_shared from " + src);
        OperandChecks.requireRank(where(), out, src.rank(), "load_shared output");
        OperandChecks.insideShared(where(), offs, out.shape(), src, "load_shared");
        emit(new LoadShared(out.var, src.var, offs));
        return out;
    }

    public RegisterTensor loadSharedInto(RegisterTensor out, SharedTensor src, int... offsets) {
        return loadSharedInto(out, src, consts(offsets));
    }

    /** Stores {@code src} at {@code offsets} of a shared tensor (it must lie inside). */
    public void storeShared(RegisterTensor src, SharedTensor dst, Scalar... offsets) {
        use(src, "store_shared");
        use(dst, "store_shared");
        OperandChecks.sameDtype(where(), src, dst, "store_shared");
        List<Expr> offs = offsets(offsets, dst.rank(), "store_shared to " + dst);
        OperandChecks.requireRank(where(), src, dst.rank(), "store_shared source");
        OperandChecks.insideShared(where(), offs, src.shape(), dst, "store_shared");
        emit(new StoreShared(src.var, dst.var, offs));
    }

    public void storeShared(RegisterTensor src, SharedTensor dst, int... offsets) { storeShared(src, dst, consts(offsets)); }

    /** Asynchronously copies the tile of {@code src} at {@code offsets} into the whole of {@code dst} (outside reads 0). */
    public void copyAsync(SharedTensor dst, GlobalTensor src, Scalar... offsets) {
        use(dst, "copy_async");
        use(src, "copy_async");
        OperandChecks.sameDtype(where(), dst, src, "copy_async");
        if (dst.rank() != src.rank()) {
            throw new DslException(where() + ": copy_async: " + dst + " has rank " + dst.rank() + " but " + src
                    + " has rank " + src.rank());
        }
        emit(new CopyAsync(dst.var, src.var, offsets(offsets, src.rank(), "copy_async from " + src)));
    }

    public void copyAsync(SharedTensor dst, GlobalTensor src, int... offsets) { copyAsync(dst, src, consts(offsets)); }

    /** Closes the current group of asynchronous copies. */
    public void copyAsyncCommitGroup() { emit(new CopyAsyncCommitGroup()); }

    /** Waits until at most {@code n} committed copy groups are pending. */
    public void copyAsyncWaitGroup(int n) {
        if (n < 0) throw new DslException(where() + ": copy_async_wait_group needs n >= 0, got " + n);
        emit(new CopyAsyncWaitGroup(n));
    }

    /** Waits for every asynchronous copy issued so far. */
    public void copyAsyncWaitAll() { emit(new CopyAsyncWaitAll()); }

    /** Block-wide barrier. */
    public void sync() { emit(new SyncThreads()); }

    // ------------------------------------------------------------------ compute

    /** {@code c + a @ b} into a new tensor of c's type: a is [m,k], b is [k,n], c is [m,n]. */
    public RegisterTensor dot(RegisterTensor a, RegisterTensor b, RegisterTensor c) { return dot(a, b, c, null); }

    /** {@code out = c + a @ b}; {@code out} (may be c) must have c's type, or be null for a new tensor. */
    public RegisterTensor dot(RegisterTensor a, RegisterTensor b, RegisterTensor c, RegisterTensor out) {
        use(a, "dot");
        use(b, "dot");
        use(c, "dot");
        OperandChecks.requireRank(where(), a, 2, "dot operand a");
        OperandChecks.requireRank(where(), b, 2, "dot operand b");
        OperandChecks.requireRank(where(), c, 2, "dot operand c");
        if (!a.dtype().equals(b.dtype())) {
            throw new DslException(where() + ": dot operands have different dtypes: " + a + " is " + a.dtype().name()
                    + ", " + b + " is " + b.dtype().name());
        }
        int[] sa = a.shape(), sb = b.shape(), sc = c.shape();
        if (sa[1] != sb[0] || sa[0] != sc[0] || sb[1] != sc[1]) {
            throw new DslException(where() + ": dot shapes do not fit: a " + Arrays.toString(sa) + ", b "
                    + Arrays.toString(sb) + ", c " + Arrays.toString(sc) + " (need a [m,k], b [k,n], c [m,n])");
        }
        RegisterTensor r = result("dot", (TensorType.Register) c.type(), out, "dot");
        emit(new Dot(r.var, a.var, b.var, c.var));
        return r;
    }

    /** Converts every element to {@code dtype}; same layout. */
    public RegisterTensor cast(RegisterTensor t, DType dtype) {
        use(t, "cast");
        return cast(t, newRegister("cast", dtype, t.layout()));
    }

    /** Converts into {@code out} (its dtype is the target; same layout as t). */
    public RegisterTensor cast(RegisterTensor t, RegisterTensor out) {
        use(t, "cast");
        use(out, "cast");
        OperandChecks.sameLayout(where(), out, t, "cast");
        emit(new Cast(out.var, t.var));
        return out;
    }

    /** Reinterprets each thread's bits as {@code dtype} with the same layout (dtype of the same width). */
    public RegisterTensor view(RegisterTensor t, DType dtype) {
        use(t, "view");
        if (dtype.bits() != t.dtype().bits()) {
            throw new DslException(where() + ": view of " + t + " as " + dtype.name() + " changes the element width ("
                    + t.dtype().bits() + " -> " + dtype.bits() + " bits); give the new layout");
        }
        return view(t, dtype, t.layout());
    }

    /** Reinterprets each thread's bits as elements of {@code dtype} in {@code layout} (same bits per thread). */
    public RegisterTensor view(RegisterTensor t, DType dtype, RegisterLayout layout) {
        use(t, "view");
        return view(t, newRegister("view", dtype, layout));
    }

    public RegisterTensor view(RegisterTensor t, RegisterTensor out) {
        use(t, "view");
        use(out, "view");
        RegisterLayout a = t.layout(), b = out.layout();
        long bitsA = (long) a.localSize() * t.dtype().bits(), bitsB = (long) b.localSize() * out.dtype().bits();
        if (a.numThreads() != b.numThreads() || bitsA != bitsB) {
            throw new DslException(where() + ": view of " + t + " (" + a.numThreads() + " threads x " + bitsA
                    + " bits) as " + out.dtype().name() + " (" + b.numThreads() + " threads x " + bitsB
                    + " bits): threads and bits per thread must match");
        }
        emit(new View(out.var, t.var));
        return out;
    }

    /** {@code op(t[i])}; same dtype and layout. */
    public RegisterTensor unary(UnaryOp op, RegisterTensor t) { return unary(op, t, null); }

    public RegisterTensor unary(UnaryOp op, RegisterTensor t, RegisterTensor out) {
        String what = op.name().toLowerCase(java.util.Locale.ROOT);
        use(t, what);
        if (op.isIntegerOnly() && t.dtype().isFloat()) throw new DslException(where() + ": '" + what + "' needs an integer tensor, " + t + " is " + t.dtype().name());
        if (op.isFloatOnly() && !t.dtype().isFloat()) throw new DslException(where() + ": '" + what + "' needs a float tensor, " + t + " is " + t.dtype().name());
        RegisterTensor r = result(what, (TensorType.Register) t.type(), out, what);
        emit(new ElementwiseUnary(r.var, op, t.var));
        return r;
    }

    /**
     * {@code a op b} elementwise with broadcasting: equal ranks, each dimension equal or 1 in one
     * operand. The result takes the layout of the operand whose shape is the result's shape
     * (a first); comparisons give {@code u1}.
     */
    public RegisterTensor binary(BinaryOp op, RegisterTensor a, RegisterTensor b) { return binary(op, a, b, null); }

    public RegisterTensor binary(BinaryOp op, RegisterTensor a, RegisterTensor b, RegisterTensor out) {
        String what = "'" + op.symbol() + "'";
        use(a, what);
        use(b, what);
        if (!a.dtype().equals(b.dtype())) {
            throw new DslException(where() + ": " + what + " operands have different dtypes: " + a + " is "
                    + a.dtype().name() + ", " + b + " is " + b.dtype().name() + "; cast one first");
        }
        OperandChecks.binaryDtype(where(), op, a);
        RegisterLayout layout = Broadcast.resultLayout(List.of(a, b), out, what, this);
        DType dt = op.isComparison() ? DTypes.BOOL : a.dtype();
        RegisterTensor r = result(op.name().toLowerCase(), new TensorType.Register(dt, layout), out, what);
        emit(new ElementwiseBinary(r.var, op, a.var, b.var));
        return r;
    }

    /** {@code a op s} for every element, s converted to a's dtype (a literal is made a constant of it). */
    public RegisterTensor binary(BinaryOp op, RegisterTensor a, Scalar s) { return binary(op, a, s, null); }

    public RegisterTensor binary(BinaryOp op, RegisterTensor a, Scalar s, RegisterTensor out) {
        String what = "'" + op.symbol() + "'";
        use(a, what);
        OperandChecks.binaryDtype(where(), op, a);
        Expr e = Scalar.isLiteral(s.expr()) ? Scalar.coerce(s, a.dtype(), "scalar operand of " + what, this)
                : scalar(s, "scalar operand of " + what);
        DType dt = op.isComparison() ? DTypes.BOOL : a.dtype();
        RegisterTensor r = result(op.name().toLowerCase(), new TensorType.Register(dt, a.layout()), out, what);
        emit(new ElementwiseScalar(r.var, op, a.var, e));
        return r;
    }

    public RegisterTensor binary(BinaryOp op, RegisterTensor a, long c) {
        return binary(op, a, new Scalar(Scalar.constExpr(c, a.dtype(), where() + ": '" + op.symbol() + "'"), null));
    }

    public RegisterTensor binary(BinaryOp op, RegisterTensor a, double c) {
        return binary(op, a, new Scalar(Scalar.constExpr(c, a.dtype(), where() + ": '" + op.symbol() + "'"), null));
    }

    public RegisterTensor add(RegisterTensor a, RegisterTensor b) { return binary(BinaryOp.ADD, a, b); }
    public RegisterTensor add(RegisterTensor a, Scalar s) { return binary(BinaryOp.ADD, a, s); }
    public RegisterTensor sub(RegisterTensor a, RegisterTensor b) { return binary(BinaryOp.SUB, a, b); }
    public RegisterTensor sub(RegisterTensor a, Scalar s) { return binary(BinaryOp.SUB, a, s); }
    public RegisterTensor mul(RegisterTensor a, RegisterTensor b) { return binary(BinaryOp.MUL, a, b); }
    public RegisterTensor mul(RegisterTensor a, Scalar s) { return binary(BinaryOp.MUL, a, s); }
    public RegisterTensor div(RegisterTensor a, RegisterTensor b) { return binary(BinaryOp.DIV, a, b); }
    public RegisterTensor div(RegisterTensor a, Scalar s) { return binary(BinaryOp.DIV, a, s); }

    /** {@code cond[i] != 0 ? a[i] : b[i]} with broadcasting like {@link #binary}; a and b share a dtype. */
    public RegisterTensor where(RegisterTensor cond, RegisterTensor a, RegisterTensor b) { return where(cond, a, b, null); }

    public RegisterTensor where(RegisterTensor cond, RegisterTensor a, RegisterTensor b, RegisterTensor out) {
        use(cond, "where");
        use(a, "where");
        use(b, "where");
        if (!cond.dtype().equals(DTypes.BOOL)) throw new DslException(where() + ": where condition " + cond + " must be a u1 tensor (a comparison), got " + cond.dtype().name());
        if (!a.dtype().equals(b.dtype())) {
            throw new DslException(where() + ": where operands have different dtypes: " + a + " is " + a.dtype().name()
                    + ", " + b + " is " + b.dtype().name());
        }
        RegisterLayout layout = Broadcast.resultLayout(List.of(a, b, cond), out, "where", this);
        RegisterTensor r = result("where", new TensorType.Register(a.dtype(), layout), out, "where");
        emit(new Where(r.var, cond.var, a.var, b.var));
        return r;
    }

    /** Reduces dimension {@code dim}; the result layout is {@code t.layout().reduce({dim}, keepDim)}. */
    public RegisterTensor reduce(RegisterTensor t, int dim, ReduceOp op, boolean keepDim) { return reduce(t, dim, op, keepDim, null); }

    public RegisterTensor reduce(RegisterTensor t, int dim, ReduceOp op, boolean keepDim, RegisterTensor out) {
        use(t, "reduce");
        OperandChecks.checkDim(where(), t, dim, "reduce");
        RegisterLayout l = layoutOp(() -> t.layout().reduce(new int[] {dim}, keepDim), "reduce");
        RegisterTensor r = result("reduce_" + op.name().toLowerCase(), new TensorType.Register(t.dtype(), l), out, "reduce");
        emit(new Reduce(r.var, t.var, dim, op, keepDim));
        return r;
    }

    /** Removes size-1 dimensions {@code dims}. */
    public RegisterTensor squeeze(RegisterTensor t, int... dims) {
        use(t, "squeeze");
        for (int d : dims) {
            OperandChecks.checkDim(where(), t, d, "squeeze");
            if (t.shape()[d] != 1) throw new DslException(where() + ": squeeze of " + t + " " + Arrays.toString(t.shape()) + ": dimension " + d + " has size " + t.shape()[d] + ", not 1");
        }
        RegisterTensor r = newRegister("squeeze", t.dtype(), layoutOp(() -> t.layout().squeeze(dims), "squeeze"));
        emit(new Squeeze(r.var, t.var, Arrays.stream(dims).boxed().toList()));
        return r;
    }

    /** Inserts size-1 dimensions at {@code dims} (positions in the result). */
    public RegisterTensor unsqueeze(RegisterTensor t, int... dims) {
        use(t, "unsqueeze");
        RegisterTensor r = newRegister("unsqueeze", t.dtype(), layoutOp(() -> t.layout().unsqueeze(dims), "unsqueeze"));
        emit(new Unsqueeze(r.var, t.var, Arrays.stream(dims).boxed().toList()));
        return r;
    }

    /** Swaps the dimensions of a rank-2 tensor. */
    public RegisterTensor transpose(RegisterTensor t) {
        use(t, "transpose");
        OperandChecks.requireRank(where(), t, 2, "transpose operand");
        RegisterTensor r = newRegister("transpose", t.dtype(), layoutOp(() -> t.layout().permute(1, 0), "transpose"));
        emit(new Transpose(r.var, t.var));
        return r;
    }

    /** Same elements in row-major order with a new shape. */
    public RegisterTensor reshape(RegisterTensor t, int... shape) {
        use(t, "reshape");
        long n = 1;
        for (int s : shape) n *= s;
        long have = 1;
        for (int s : t.shape()) have *= s;
        if (n != have) throw new DslException(where() + ": reshape of " + t + " " + Arrays.toString(t.shape()) + " to " + Arrays.toString(shape) + " changes the number of elements");
        RegisterTensor r = newRegister("reshape", t.dtype(), layoutOp(() -> t.layout().reshape(shape), "reshape"));
        emit(new Reshape(r.var, t.var));
        return r;
    }

    /** {@code dst[i] = src[i]}; both register tensors of the same type. */
    public void assign(RegisterTensor dst, RegisterTensor src) {
        use(dst, "assign");
        use(src, "assign");
        if (!dst.type().equals(src.type())) {
            throw new DslException(where() + ": assign " + src + " to " + dst + ": types differ (" + OperandChecks.describe(src) + " vs " + OperandChecks.describe(dst) + ")");
        }
        emit(new AssignTensor(dst.var, src.var));
    }

    // ------------------------------------------------------------------ semaphores and debugging

    /** Waits until the {@code i32} element {@code sem[index]} equals {@code value} (acquire). */
    public void lockSemaphore(GlobalTensor sem, List<Scalar> index, Scalar value) {
        SemArgs a = semArgs(sem, index, value, "lock_semaphore");
        emit(new LockSemaphore(sem.var, a.index, a.value));
    }

    public void lockSemaphore(GlobalTensor sem, Scalar index, Scalar value) { lockSemaphore(sem, List.of(index), value); }

    /** Sets {@code sem[index] = value} after the block's earlier global stores are visible (release). */
    public void releaseSemaphore(GlobalTensor sem, List<Scalar> index, Scalar value) {
        SemArgs a = semArgs(sem, index, value, "release_semaphore");
        emit(new ReleaseSemaphore(sem.var, a.index, a.value));
    }

    public void releaseSemaphore(GlobalTensor sem, Scalar index, Scalar value) { releaseSemaphore(sem, List.of(index), value); }

    /** Prints the message and scalar values once per block. */
    public void print(String message, Scalar... args) { print(message, null, args); }

    /** Prints the message, scalar values and a tensor (nullable) with its layout, once per block. */
    public void print(String message, Tensor tensor, Scalar... args) {
        if (tensor != null) use(tensor, "print");
        List<Expr> es = new ArrayList<>();
        for (int i = 0; i < args.length; i++) es.add(scalar(args[i], "print argument " + i));
        emit(new Print(message, es, tensor == null ? null : tensor.var));
    }

    // ------------------------------------------------------------------ internals

    /** "kernel 'name' at body > for kb > if": the place for error messages. */
    String where() { return "kernel '" + name + "' at " + current.path(); }

    private void checkOpen() {
        if (built) throw new DslException("kernel '" + name + "' is already built; call its methods only inside Kernel.build");
    }

    private void emit(Instruction i) {
        checkOpen();
        current.stmts.add(new Stmt.Exec(i));
    }

    private Frame push(String label, boolean loop) {
        checkOpen();
        current = new Frame(current, label, loop);
        return current;
    }

    /** Runs a body lambda in scope {@code f}; the scope ends (also when the body throws). */
    private Stmt.Seq run(Frame f, Runnable body) {
        try {
            body.run();
        } finally {
            current = f.parent;
            f.open = false;
        }
        return f.close();
    }

    private Param declareParam(Param p) {
        checkOpen();
        if (current != root) throw new DslException(where() + ": parameter '" + p.name() + "' must be declared at the top level of the kernel");
        params.add(p);
        return p;
    }

    private String checkParamName(String n) {
        if (n == null || !IDENT.matcher(n).matches()) throw new DslException(where() + ": invalid parameter name '" + n + "': expected an identifier");
        if (!names.add(n)) throw new DslException(where() + ": parameter name '" + n + "' is already used");
        return n;
    }

    /** A program-unique name from the hint: the hint itself, else hint_1, hint_2, ... */
    String fresh(String hint) {
        checkOpen();
        if (hint == null || !IDENT.matcher(hint).matches()) throw new DslException(where() + ": invalid name '" + hint + "': expected an identifier");
        if (names.add(hint)) return hint;
        for (int i = 1; ; i++) {
            String n = hint + "_" + i;
            if (names.add(n)) return n;
        }
    }

    /** The expression of a scalar used here, after checking its kernel and the scopes of its variables. */
    Expr scalar(Scalar s, String what) {
        checkOpen();
        if (s == null) throw new DslException(where() + ": " + what + " is null");
        if (s.owner() != null && s.owner() != this) {
            throw new DslException(where() + ": " + what + " (" + s + ") uses variables of kernel '" + s.owner().name() + "'");
        }
        checkVars(s.expr(), what, s);
        return s.expr();
    }

    private void checkVars(Expr e, String what, Scalar whole) {
        ExprWalk.visit(e, x -> {
            if (!(x instanceof Var v)) return;
            Frame f = varScopes.get(v.name());
            if (f == null) throw new DslException(where() + ": " + what + " (" + whole + ") uses unknown variable '" + v.name() + "'");
            if (!f.open) throw new DslException(where() + ": " + what + " (" + whole + ") uses variable '" + v.name() + "' outside its scope (" + f.path() + ")");
        });
    }

    private void requireParamsOnly(Expr e, String what) {
        ExprWalk.visit(e, x -> {
            if (x instanceof Var v && !scalarParams.contains(v.name())) {
                throw new DslException(where() + ": " + what + " may use only scalar parameters, but uses '" + v.name() + "'");
            }
            if (x instanceof Expr.BlockIdx) throw new DslException(where() + ": " + what + " may use only scalar parameters, but uses blockIdx");
        });
    }

    private Expr condition(Scalar cond, String what) {
        Expr c = scalar(cond, what);
        Scalar.requireBool(cond, what, this);
        return c;
    }

    private List<Sym> syms(List<Scalar> dims, String what) {
        List<Sym> out = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            Scalar s = dims.get(i);
            Expr e = scalar(s, what + " " + i);
            out.add(SymConversion.toSym(e, scalarParams, where() + ": " + what + " " + i + " (" + s + ")"));
        }
        return out;
    }

    <T extends Tensor> T use(T t, String op) {
        checkOpen();
        if (t == null) throw new DslException(where() + ": " + op + ": tensor argument is null");
        if (t.kernel != this) throw new DslException(where() + ": " + op + ": " + t + " belongs to kernel '" + t.kernel.name() + "'");
        if (!t.scope.open) throw new DslException(where() + ": " + op + ": " + t + " is used outside its scope (" + t.scope.path() + ")");
        if (t instanceof SharedTensor s && s.freed) throw new DslException(where() + ": " + op + ": shared " + t + " is used after free_shared");
        return t;
    }

    private RegisterTensor newRegister(String hint, DType dtype, RegisterLayout layout) {
        checkOpen();
        if (layout == null) throw new DslException(where() + ": register layout is null");
        checkThreads(layout, "register tensor '" + hint + "'");
        registerLayouts.add(layout);
        return new RegisterTensor(this, new TensorVar(fresh(hint), new TensorType.Register(dtype, layout)), current);
    }

    private void checkThreads(RegisterLayout layout, String what) {
        if (numWarps != 0 && layout.numThreads() != 32 * numWarps) {
            throw new DslException(where() + ": " + what + " has a layout over " + layout.numThreads()
                    + " threads, but the block has " + 32 * numWarps + " (" + numWarps + " warps)");
        }
    }

    /** A new tensor of {@code type}, or {@code out} after checking it has exactly that type. */
    private RegisterTensor result(String hint, TensorType.Register type, RegisterTensor out, String op) {
        if (out == null) return newRegister(hint, type.dtype(), type.layout());
        use(out, op);
        if (!out.type().equals(type)) {
            throw new DslException(where() + ": " + op + ": out " + out + " is " + OperandChecks.describe(out) + " but the result is "
                    + type.dtype().name() + " " + Arrays.toString(type.shape()) + " with layout " + type.layout());
        }
        return out;
    }

    private List<Expr> offsets(Scalar[] offsets, int rank, String what) {
        if (offsets.length != rank) throw new DslException(where() + ": " + what + " needs " + rank + " offsets, got " + offsets.length);
        List<Expr> out = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            Expr e = scalar(offsets[i], what + " offset " + i);
            if (e.type().isFloat()) throw new DslException(where() + ": " + what + " offset " + i + " must be an integer, got " + e.type().name());
            out.add(e);
        }
        return out;
    }

    private static Scalar[] consts(int[] offsets) {
        return Arrays.stream(offsets).mapToObj(Scalar::i32).toArray(Scalar[]::new);
    }

    private RegisterLayout layoutOp(Supplier<RegisterLayout> f, String op) {
        try {
            return f.get();
        } catch (LayoutException e) {
            throw new DslException(where() + ": " + op + ": " + e.getMessage(), e);
        }
    }

    private record SemArgs(List<Expr> index, Expr value) {}

    private SemArgs semArgs(GlobalTensor sem, List<Scalar> index, Scalar value, String op) {
        use(sem, op);
        if (!sem.dtype().equals(DTypes.I32)) throw new DslException(where() + ": " + op + ": semaphore " + sem + " must be i32, got " + sem.dtype().name());
        List<Expr> idx = offsets(index.toArray(Scalar[]::new), sem.rank(), op + " on " + sem);
        Expr v = scalar(value, op + " value");
        v = Scalar.coerce(new Scalar(v, null), DTypes.I32, op + " value", this);
        return new SemArgs(idx, v);
    }
}
