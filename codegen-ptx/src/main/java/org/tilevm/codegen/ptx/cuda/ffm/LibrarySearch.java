package org.tilevm.codegen.ptx.cuda.ffm;

import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;

/** The outcome of looking for a {@link CudaLibrary}: where it was loaded from, or why it was not. */
public sealed interface LibrarySearch {
    CudaLibrary library();

    /** Whether the library was found and loaded. */
    default boolean found() { return this instanceof Found; }

    /**
     * @param lookup its symbols
     * @param where  the candidate that loaded
     */
    record Found(CudaLibrary library, SymbolLookup lookup, Candidate where) implements LibrarySearch {}

    /** @param message what was searched and how to point TileVM at the library (one paragraph) */
    record Missing(CudaLibrary library, String message) implements LibrarySearch {}

    /** One place to try. */
    sealed interface Candidate {
        String describe();
    }

    /** A soname resolved by the dynamic loader ({@code LD_LIBRARY_PATH}, {@code ld.so.cache}, system folders). */
    record Soname(String soname) implements Candidate {
        @Override
        public String describe() { return soname + " on the loader path"; }
    }

    /** A file, found through {@code origin} (e.g. {@code $CUDA_HOME}, {@code a Python wheel}). */
    record File(Path path, String origin) implements Candidate {
        @Override
        public String describe() { return path + " (" + origin + ")"; }
    }
}
