package org.tilevm.codegen.ptx.cuda.ffm;

import java.io.File;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tilevm.codegen.ptx.cuda.ffm.LibrarySearch.Candidate;

/**
 * Finds and loads the CUDA driver and NVRTC. For each soname in order of preference
 * ({@code libnvrtc.so.13} before {@code libnvrtc.so.12}) the places tried are:
 *
 * <ol>
 *   <li>the soname on the dynamic loader's path ({@code LD_LIBRARY_PATH}, {@code ld.so.cache},
 *       the system library folders);</li>
 *   <li>{@code lib64}, {@code lib} and {@code targets/x86_64-linux/lib} below {@code $CUDA_HOME},
 *       {@code $CUDA_PATH}, then {@code /usr/local/cuda};</li>
 *   <li>the entries of the system property {@value SearchEnvironment#LIB_PATH_PROPERTY}, then of the
 *       environment variable {@value SearchEnvironment#LIB_PATH_ENV}: path lists whose entries are
 *       folders (holding the soname) or library files (used whatever their version);</li>
 *   <li>Python wheels: {@code nvidia/cu13/lib} and {@code nvidia/cuda_nvrtc/lib} below the
 *       {@code site-packages} of {@code $VIRTUAL_ENV}, {@code $CONDA_PREFIX},
 *       {@code ~/.local/lib/python3*}, and the {@code site-/dist-packages} of
 *       {@code /usr/local/lib/python3*} and {@code /usr/lib/python3*}.</li>
 * </ol>
 *
 * A file that exists but fails to load is recorded and the search goes on. When nothing loads
 * the result is one message naming what was searched and how to point TileVM at the library;
 * {@link #find} logs it once (at DEBUG level: a machine without a GPU is normal) and callers
 * fall back to another backend.
 */
public final class CudaLibraries {
    private CudaLibraries() {}

    private static final System.Logger LOG = System.getLogger("org.tilevm.cuda");
    private static final List<String> CUDA_LIB_DIRS = List.of("lib64", "lib", "targets/x86_64-linux/lib");
    private static final Map<CudaLibrary, LibrarySearch> FOUND = new EnumMap<>(CudaLibrary.class);

    /** Loads a library by soname or path; throws {@link IllegalArgumentException} (or another runtime exception) when it cannot. */
    public interface Loader {
        SymbolLookup bySoname(String soname);

        SymbolLookup byPath(Path file);

        /** The JVM's loader; libraries stay loaded for the life of the process. */
        static Loader system() {
            return new Loader() {
                @Override
                public SymbolLookup bySoname(String soname) { return SymbolLookup.libraryLookup(soname, Arena.global()); }

                @Override
                public SymbolLookup byPath(Path file) { return SymbolLookup.libraryLookup(file, Arena.global()); }
            };
        }
    }

    /** The result of searching this process's environment for {@code library}, computed once. */
    public static synchronized LibrarySearch find(CudaLibrary library) {
        return FOUND.computeIfAbsent(library, l -> {
            LibrarySearch r = search(l, SearchEnvironment.system(), Loader.system());
            switch (r) {
                case LibrarySearch.Found f -> LOG.log(System.Logger.Level.DEBUG, "TileVM: loaded " + l.title() + " from "
                        + f.where().describe());
                case LibrarySearch.Missing m -> LOG.log(System.Logger.Level.DEBUG, "TileVM: " + m.message());
            }
            return r;
        });
    }

    /** Tries the {@link #candidates} in order and returns the first that loads. */
    public static LibrarySearch search(CudaLibrary library, SearchEnvironment env, Loader loader) {
        List<String> failures = new ArrayList<>();
        for (Candidate c : candidates(library, env)) {
            try {
                switch (c) {
                    case LibrarySearch.Soname s -> {
                        return new LibrarySearch.Found(library, loader.bySoname(s.soname()), c);
                    }
                    case LibrarySearch.File f -> {
                        if (!Files.isRegularFile(f.path())) continue;
                        loadCompanions(library, f.path(), loader);
                        return new LibrarySearch.Found(library, loader.byPath(f.path()), c);
                    }
                }
            } catch (RuntimeException e) {
                // a soname the loader does not know (IllegalArgumentException) is the common case and not worth reporting;
                // anything else (native access denied, a broken file) is
                switch (c) {
                    case LibrarySearch.File f -> failures.add(f.path() + ": " + e.getMessage());
                    case LibrarySearch.Soname s -> {
                        if (!(e instanceof IllegalArgumentException)) failures.add(s.soname() + ": " + e);
                    }
                }
            }
        }
        return new LibrarySearch.Missing(library, missingMessage(library, env, failures));
    }

    /** Loads the companions of {@code file} from its folder (see {@link CudaLibrary#companionPrefix}); failures are left to show later. */
    private static void loadCompanions(CudaLibrary library, Path file, Loader loader) {
        String prefix = library.companionPrefix(file.getFileName().toString());
        Path dir = file.toAbsolutePath().getParent();
        if (prefix == null || dir == null) return;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p)).sorted().toList()) {
                try {
                    loader.byPath(p);
                } catch (RuntimeException e) {
                    // NVRTC reports a missing builtins library itself, at the first compilation
                }
            }
        } catch (IOException e) {
            // an unreadable folder: the library's own load reports the problem
        }
    }

    /** Every place to try, in order (see the class comment); files need not exist. */
    public static List<Candidate> candidates(CudaLibrary library, SearchEnvironment env) {
        List<Candidate> out = new ArrayList<>();
        List<Path> sites = sitePackages(env);
        List<String> named = namedEntries(env);
        for (int i = 0; i < library.sonames().size(); i++) {
            String soname = library.sonames().get(i);
            out.add(new LibrarySearch.Soname(soname));
            for (Map.Entry<String, Path> home : cudaHomes(env)) {
                for (String sub : CUDA_LIB_DIRS) out.add(new LibrarySearch.File(home.getValue().resolve(sub).resolve(soname), home.getKey()));
            }
            for (String entry : named) {
                Path p = Path.of(entry);
                if (Files.isRegularFile(p)) {
                    // a file named explicitly is used whatever its version, before the next soname
                    if (i == 0 && library.matchesFileName(p.getFileName().toString())) out.add(new LibrarySearch.File(p, "named"));
                } else {
                    out.add(new LibrarySearch.File(p.resolve(soname), "named"));
                }
            }
            for (Path site : sites) {
                for (String w : library.wheelDirs()) out.add(new LibrarySearch.File(site.resolve(w).resolve(soname), "Python wheel"));
            }
        }
        return out;
    }

    /** {@code $CUDA_HOME}, {@code $CUDA_PATH} and the default installations, labelled. */
    private static List<Map.Entry<String, Path>> cudaHomes(SearchEnvironment env) {
        List<Map.Entry<String, Path>> out = new ArrayList<>();
        for (String v : List.of("CUDA_HOME", "CUDA_PATH")) {
            String h = env.env(v);
            if (h != null) out.add(Map.entry("$" + v, Path.of(h)));
        }
        for (Path p : env.cudaHomes()) out.add(Map.entry(p.toString(), p));
        return out;
    }

    /** The entries of {@code -Dtilevm.cuda.libPath}, then of {@code $TILEVM_CUDA_LIB_PATH}. */
    private static List<String> namedEntries(SearchEnvironment env) {
        List<String> out = new ArrayList<>();
        for (String list : new String[] {env.property(SearchEnvironment.LIB_PATH_PROPERTY), env.env(SearchEnvironment.LIB_PATH_ENV)}) {
            if (list == null) continue;
            for (String e : list.split(File.pathSeparator)) if (!e.isBlank()) out.add(e.strip());
        }
        return out;
    }

    /** Existing {@code site-packages} / {@code dist-packages} folders, in search order. */
    static List<Path> sitePackages(SearchEnvironment env) {
        List<Path> out = new ArrayList<>();
        for (String v : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            String prefix = env.env(v);
            if (prefix != null) addPythonDirs(out, Path.of(prefix, "lib"));
        }
        if (env.home() != null) addPythonDirs(out, env.home().resolve(".local/lib"));
        for (Path d : env.systemLibDirs()) addPythonDirs(out, d);
        return out;
    }

    /** {@code libDir/python3*}/{site,dist}-packages that exist, newest Python first. */
    private static void addPythonDirs(List<Path> out, Path libDir) {
        if (!Files.isDirectory(libDir)) return;
        List<Path> pythons;
        try (Stream<Path> s = Files.list(libDir)) {
            pythons = s.filter(p -> p.getFileName().toString().startsWith("python3") && Files.isDirectory(p))
                    .sorted(Comparator.comparing((Path p) -> pythonVersion(p.getFileName().toString())).reversed()).toList();
        } catch (IOException e) {
            return;
        }
        for (Path py : pythons) {
            for (String kind : List.of("site-packages", "dist-packages")) {
                Path d = py.resolve(kind);
                if (Files.isDirectory(d) && !out.contains(d)) out.add(d);
            }
        }
    }

    /** "python3.12" -> 3012, "python3" -> 3000 (so 3.12 sorts after 3.9). */
    private static int pythonVersion(String name) {
        String rest = name.substring("python3".length());
        int minor = 0;
        if (rest.startsWith(".")) {
            int end = 1;
            while (end < rest.length() && Character.isDigit(rest.charAt(end))) end++;
            if (end > 1) minor = Integer.parseInt(rest.substring(1, end));
        }
        return 3000 + minor;
    }

    private static String missingMessage(CudaLibrary library, SearchEnvironment env, List<String> failures) {
        StringBuilder sb = new StringBuilder(library.describe()).append(" was not found. Searched, in order: the loader path "
                + "(LD_LIBRARY_PATH, ld.so.cache); ").append(String.join(", ", CUDA_LIB_DIRS)).append(" of ");
        List<String> homes = new ArrayList<>();
        for (String v : List.of("CUDA_HOME", "CUDA_PATH")) homes.add("$" + v + (env.env(v) == null ? " (unset)" : "=" + env.env(v)));
        for (Path p : env.cudaHomes()) homes.add(p.toString());
        sb.append(String.join(", ", homes)).append("; -D").append(SearchEnvironment.LIB_PATH_PROPERTY)
                .append(valueOrUnset(env.property(SearchEnvironment.LIB_PATH_PROPERTY))).append("; $")
                .append(SearchEnvironment.LIB_PATH_ENV).append(valueOrUnset(env.env(SearchEnvironment.LIB_PATH_ENV)));
        if (!library.wheelDirs().isEmpty()) {
            List<Path> sites = sitePackages(env);
            sb.append("; Python wheels (").append(String.join(", ", library.wheelDirs())).append(") in ")
                    .append(sites.isEmpty() ? "no site-packages found" : sites.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElseThrow());
        }
        sb.append('.');
        if (!failures.isEmpty()) sb.append(" Found but could not load: ").append(String.join("; ", failures)).append('.');
        if (library == CudaLibrary.DRIVER) {
            sb.append(" libcuda.so.1 comes with the NVIDIA driver; without an NVIDIA GPU and driver the CUDA backend is "
                    + "unavailable. If the driver is installed in an unusual place, set ").append(SearchEnvironment.LIB_PATH_ENV)
                    .append(" (or -D").append(SearchEnvironment.LIB_PATH_PROPERTY).append(") to the folder holding libcuda.so.1.");
        } else {
            sb.append(" Install the CUDA toolkit or the Python package nvidia-cuda-nvrtc (pip install nvidia-cuda-nvrtc), "
                    + "or set ").append(SearchEnvironment.LIB_PATH_ENV).append(" (or -D").append(SearchEnvironment.LIB_PATH_PROPERTY)
                    .append(") to the folder holding ").append(library.sonames().getFirst())
                    .append(" (for a wheel: <site-packages>/nvidia/cu13/lib).");
        }
        return sb.toString();
    }

    private static String valueOrUnset(String v) { return v == null ? " (unset)" : "=" + v; }
}
