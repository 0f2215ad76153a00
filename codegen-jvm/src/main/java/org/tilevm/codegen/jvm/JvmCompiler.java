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
        ClassGen.Generated gen = ClassGen.generate(program, spec.constants(), CompiledKernel.class);
        CompiledKernel kernel;
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClassWithClassData(gen.bytes(), gen.classData(),
                    true);
            kernel = (CompiledKernel) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define the generated class of " + program.name() + ": " + e, e);
        }
        return new CompiledProgram(program, spec, kernel, gen.globals(), gen.hasPrint(), gen.hasSemaphores(), gen.bytes(),
                System.nanoTime() - t0);
    }

    /** The bytecode of {@code program}'s class, without defining it (for inspection and class checks). */
    public static byte[] bytecode(Program program, Specialization spec) {
        Verifier.check(program);
        spec.check(program);
        return ClassGen.generate(program, spec.constants(), CompiledKernel.class).bytes();
    }
}
