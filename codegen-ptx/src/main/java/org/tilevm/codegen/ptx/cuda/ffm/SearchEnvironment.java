package org.tilevm.codegen.ptx.cuda.ffm;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What library discovery reads from the outside world, so that tests can run it against
 * temporary folders: environment variables, system properties, the home folder, the usual CUDA
 * installation folders and the system Python library folders.
 *
 * @param env           environment variables ({@code null} when unset)
 * @param properties    system properties ({@code null} when unset)
 * @param home          the user's home folder (for {@code ~/.local/lib/python3*}), or null
 * @param cudaHomes     CUDA installations tried after {@code CUDA_HOME} and {@code CUDA_PATH}
 * @param systemLibDirs folders holding {@code python3*}/{@code site-packages} or {@code dist-packages}
 */
public record SearchEnvironment(Function<String, String> env, Function<String, String> properties, Path home,
                                List<Path> cudaHomes, List<Path> systemLibDirs) {
    /** The system property naming extra library locations (a path list of folders or files). */
    public static final String LIB_PATH_PROPERTY = "tilevm.cuda.libPath";
    /** The environment variable naming extra library locations (a path list of folders or files). */
    public static final String LIB_PATH_ENV = "TILEVM_CUDA_LIB_PATH";

    public SearchEnvironment {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(properties, "properties");
        cudaHomes = List.copyOf(cudaHomes);
        systemLibDirs = List.copyOf(systemLibDirs);
    }

    /** This process's environment; {@code /usr/local/cuda} and the FHS Python folders. */
    public static SearchEnvironment system() {
        String home = System.getProperty("user.home");
        return new SearchEnvironment(System::getenv, System::getProperty, home == null || home.isBlank() ? null : Path.of(home),
                List.of(Path.of("/usr/local/cuda")), List.of(Path.of("/usr/local/lib"), Path.of("/usr/lib")));
    }

    /** An environment variable or property, null when unset or blank. */
    String env(String name) { return nonBlank(env.apply(name)); }

    String property(String name) { return nonBlank(properties.apply(name)); }

    private static String nonBlank(String s) { return s == null || s.isBlank() ? null : s; }
}
