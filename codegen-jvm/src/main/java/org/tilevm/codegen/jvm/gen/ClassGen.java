package org.tilevm.codegen.jvm.gen;

import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.GeneratorAdapter;
import org.objectweb.asm.commons.Method;
import org.tilevm.codegen.jvm.runtime.Faults;
import org.tilevm.codegen.jvm.runtime.GlobalSpec;
import org.tilevm.codegen.jvm.runtime.Launch;
import org.tilevm.codegen.jvm.runtime.Site;
import org.tilevm.spec.ir.Expr;
import org.tilevm.spec.ir.Program;

/**
 * Generates the class of one program: {@code runBlock(bx, by, bz, launch)} (the body as bytecode),
 * {@code grid(axis, scalars)}, and a static initializer that copies the constants from the hidden
 * class's class data into static final fields.
 *
 * <p>Shape of {@code runBlock}: it jumps to an init block at the end (which allocates the block's
 * register arrays and scratch, loads the scalar parameters, and jumps back), so that every local
 * holds one type throughout and buffers are allocated once per block. The body is covered by one
 * exception handler that gives a failure its statement path and loop values
 * ({@link Faults#locate}): before each statement that can fail, the body stores the statement's
 * site number in a local.
 */
public final class ClassGen {
    private ClassGen() {}

    /** The generated class and what the launcher needs to know about the program. */
    public record Generated(String className, byte[] bytes, Object[] classData, List<GlobalSpec> globals,
                            boolean hasPrint, boolean hasSemaphores, int fusedDots) {}

    private static final java.util.concurrent.atomic.AtomicLong SERIAL = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Generates the class of {@code program}, implementing {@code kernelInterface} and named in its
     * package. A hidden class gets its constants as class data; a {@code visible} one (for
     * profilers, which do not show hidden frames) has a unique name and takes them from
     * {@link org.tilevm.codegen.jvm.runtime.ClassDataRegistry}.
     */
    public static Generated generate(Program program, Map<String, Long> constants, Class<?> kernelInterface, boolean visible) {
        String owner = Type.getInternalName(kernelInterface).replaceAll("[^/]*$", "") + "Kernel_" + program.name()
                + (visible ? "_" + SERIAL.incrementAndGet() : "");
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return a.equals(b) ? a : "java/lang/Object"; // locals never merge different classes
            }
        };
        cw.visit(Opcodes.V21, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, owner, null,
                "java/lang/Object", new String[] {Type.getInternalName(kernelInterface)});
        Constants k = new Constants(owner);
        ProgramInfo info = new ProgramInfo(program, constants);

        GeneratorAdapter init = new GeneratorAdapter(Opcodes.ACC_PUBLIC, Method.getMethod("void <init>()"), null, null, cw);
        init.visitCode();
        init.loadThis();
        init.invokeConstructor(Type.getType(Object.class), Method.getMethod("void <init>()"));
        init.returnValue();
        init.endMethod();

        runBlock(cw, k, info);
        grid(cw, k, info);

        GeneratorAdapter clinit = new GeneratorAdapter(Opcodes.ACC_STATIC, Method.getMethod("void <clinit>()"), null, null, cw);
        clinit.visitCode();
        k.declare(cw, clinit, visible);
        clinit.returnValue();
        clinit.endMethod();
        cw.visitEnd();
        return new Generated(owner, cw.toByteArray(), k.data(), List.copyOf(info.globals), info.hasPrint, info.hasSemaphores,
                (int) info.fusions.values().stream().distinct().filter(DequantDotFusion.Chain::fused).count());
    }

    private static void runBlock(ClassWriter cw, Constants k, ProgramInfo info) {
        Method m = new Method("runBlock", Type.VOID_TYPE,
                new Type[] {Type.INT_TYPE, Type.INT_TYPE, Type.INT_TYPE, Type.getType(Launch.class)});
        GeneratorAdapter g = new GeneratorAdapter(Opcodes.ACC_PUBLIC, m, null, null, cw);
        g.visitCode();
        Label body = new Label(), end = new Label(), handler = new Label(), initBlock = new Label();
        g.visitTryCatchBlock(body, end, handler, "java/lang/RuntimeException");
        MethodCtx c = new MethodCtx(g, k, info, 3, true, false);
        c.siteLocal = g.newLocal(Type.INT_TYPE);
        c.loopsLocal = g.newLocal(Asm.LONG_ARRAY);
        g.push(-1);
        g.storeLocal(c.siteLocal);
        g.goTo(initBlock);
        g.mark(body);
        new StmtGen(c).body(info.program().body());
        g.returnValue();
        g.mark(end);
        g.mark(handler);
        k.push(g, c.sites.toArray(new Site[0]), Type.getType(Site[].class));
        g.loadLocal(c.siteLocal);
        g.loadLocal(c.loopsLocal);
        Asm.callStatic(g, Faults.class, "locate", RuntimeException.class, Throwable.class, Site[].class, int.class,
                long[].class);
        g.throwException();
        g.mark(initBlock);
        g.push(Math.max(1, c.loopCount()));
        g.newArray(Type.LONG_TYPE);
        g.storeLocal(c.loopsLocal);
        c.emitInits();
        g.goTo(body);
        g.endMethod();
    }

    private static void grid(ClassWriter cw, Constants k, ProgramInfo info) {
        Method m = new Method("grid", Type.LONG_TYPE, new Type[] {Type.INT_TYPE, Asm.LONG_ARRAY});
        GeneratorAdapter g = new GeneratorAdapter(Opcodes.ACC_PUBLIC, m, null, null, cw);
        g.visitCode();
        MethodCtx c = new MethodCtx(g, k, info, 1, false, true);
        c.emitInits(); // the scalar parameters
        ExprGen e = new ExprGen(c);
        List<Expr> grid = info.program().grid();
        for (int d = 0; d < grid.size(); d++) {
            Label next = new Label();
            g.loadArg(0);
            g.push(d);
            g.ifICmp(GeneratorAdapter.NE, next);
            e.value(grid.get(d));
            g.returnValue();
            g.mark(next);
        }
        g.push(1L);
        g.returnValue();
        g.endMethod();
    }
}
