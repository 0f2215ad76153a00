package org.tilevm.codegen.jvm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import org.tilevm.codegen.jvm.gen.ClassGen;
import org.tilevm.spec.ir.Program;
import org.tilevm.spec.verify.Verifier;

/**
 * Compiles a verified TileVM program to JVM bytecode (ASM) and defines it as a hidden class
 * ({@link MethodHandles.Lookup#defineHiddenClassWithClassData}); the program's index maps and
 * tables travel as the class data. The class can be unloaded once its {@link CompiledProgram} is
 * unreachable. See {@code codegen-jvm/JVM-BACKEND.md} for what the code looks like.
 */
public final class JvmCompiler {
    private JvmCompiler() {}

    /** Compiles {@code program} without specialization. */
    public static CompiledProgram compile(Program program) { return compile(program, Specialization.none()); }

    /**
     * Verifies and compiles {@code program}, with the parameters of {@code spec} as constants.
     *
     * @throws org.tilevm.spec.verify.VerificationException when the program is not well formed
     */
    public static CompiledProgram compile(Program program, Specialization spec) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(spec, "specialization");
        long t0 = System.nanoTime();
        Verifier.check(program);
        spec.check(program);
        ClassGen.Generated gen = ClassGen.generate(program, spec.constants(), CompiledKernel.class, VISIBLE);
        CompiledKernel kernel;
        try {
            if (VISIBLE) {
                kernel = defineVisible(gen);
            } else {
                MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClassWithClassData(gen.bytes(),
                        gen.classData(), true);
                kernel = (CompiledKernel) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                        .invoke();
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define the generated class of " + program.name() + ": " + e, e);
        }
        return new CompiledProgram(program, spec, kernel, gen.globals(), gen.hasPrint(), gen.hasSemaphores(), gen.bytes(),
                System.nanoTime() - t0, gen.fusedDots());
    }

    /**
     * {@code -Dtilevm.jvm.visibleClasses=true} defines generated classes as ordinary classes, each in
     * a class loader of its own, so that profilers show their frames (line numbers are statement
     * numbers: line n is the n-th error site of the block method).
     */
    private static final boolean VISIBLE = Boolean.getBoolean("tilevm.jvm.visibleClasses");

    private static CompiledKernel defineVisible(ClassGen.Generated gen) throws ReflectiveOperationException {
        String name = gen.className().replace('/', '.');
        org.tilevm.codegen.jvm.runtime.ClassDataRegistry.put(name, gen.classData());
        ClassLoader loader = new ClassLoader(JvmCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String n) throws ClassNotFoundException {
                if (!n.equals(name)) throw new ClassNotFoundException(n);
                return defineClass(n, gen.bytes(), 0, gen.bytes().length);
            }
        };
        return (CompiledKernel) loader.loadClass(name).getDeclaredConstructor().newInstance();
    }

    /** The bytecode of {@code program}'s class, without defining it (for inspection and class checks). */
    public static byte[] bytecode(Program program, Specialization spec) {
        Verifier.check(program);
        spec.check(program);
        return ClassGen.generate(program, spec.constants(), CompiledKernel.class, false).bytes();
    }
}
