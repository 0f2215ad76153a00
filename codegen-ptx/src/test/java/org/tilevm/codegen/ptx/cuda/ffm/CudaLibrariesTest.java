package org.tilevm.codegen.ptx.cuda.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Library discovery against temporary folders with fake library files: the order of the places
 * searched, soname preference, wheel layouts, named files and folders, companions preloaded, and
 * the message when nothing loads.
 */
class CudaLibrariesTest {
    @TempDir
    Path tmp;

    /** A loader that knows the given sonames and loads any existing file, recording every attempt. */
    static final class Recorder implements CudaLibraries.Loader {
        final Set<String> sonames;
        final List<String> attempts = new ArrayList<>();

        Recorder(String... sonames) { this.sonames = Set.of(sonames); }

        @Override
        public SymbolLookup bySoname(String soname) {
            attempts.add("soname " + soname);
            if (!sonames.contains(soname)) throw new IllegalArgumentException("Cannot open library: " + soname);
            return name -> java.util.Optional.empty();
        }

        @Override
        public SymbolLookup byPath(Path file) {
            attempts.add(file.toString());
            return name -> java.util.Optional.empty();
        }
    }

    Path touch(String relative) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "not really a library");
        return p;
    }

    SearchEnvironment env(Map<String, String> vars, Map<String, String> props) {
        return new SearchEnvironment(vars::get, props::get, tmp.resolve("home"), List.of(tmp.resolve("usr-local-cuda")),
                List.of(tmp.resolve("usr/lib")));
    }

    static Path where(LibrarySearch r) {
        return ((LibrarySearch.File) assertInstanceOf(LibrarySearch.Found.class, r).where()).path();
    }

    @Test
    void candidatesFollowTheDocumentedOrderForEachSoname() throws IOException {
        Path venv = tmp.resolve("venv"), conda = tmp.resolve("conda");
        Files.createDirectories(venv.resolve("lib/python3.9/site-packages"));
        Files.createDirectories(venv.resolve("lib/python3.12/site-packages"));
        Files.createDirectories(conda.resolve("lib/python3.11/site-packages"));
        Files.createDirectories(tmp.resolve("home/.local/lib/python3.10/site-packages"));
        Files.createDirectories(tmp.resolve("usr/lib/python3/dist-packages"));
        Path named = touch("named/libnvrtc.so.13.0.88");
        Map<String, String> vars = Map.of("CUDA_HOME", tmp.resolve("cuda").toString(), "VIRTUAL_ENV", venv.toString(), "CONDA_PREFIX",
                conda.toString(), SearchEnvironment.LIB_PATH_ENV, tmp.resolve("envdir").toString());
        Map<String, String> props = Map.of(SearchEnvironment.LIB_PATH_PROPERTY,
                tmp.resolve("propdir") + File.pathSeparator + named + File.pathSeparator + " ");
        List<String> c = CudaLibraries.candidates(CudaLibrary.NVRTC, env(vars, props)).stream().map(LibrarySearch.Candidate::describe)
                .map(s -> s.replace(tmp.toString(), "T")).toList();
        List<String> expected13 = List.of(
                "libnvrtc.so.13 on the loader path",
                "T/cuda/lib64/libnvrtc.so.13 ($CUDA_HOME)", "T/cuda/lib/libnvrtc.so.13 ($CUDA_HOME)",
                "T/cuda/targets/x86_64-linux/lib/libnvrtc.so.13 ($CUDA_HOME)",
                "T/usr-local-cuda/lib64/libnvrtc.so.13 (T/usr-local-cuda)", "T/usr-local-cuda/lib/libnvrtc.so.13 (T/usr-local-cuda)",
                "T/usr-local-cuda/targets/x86_64-linux/lib/libnvrtc.so.13 (T/usr-local-cuda)",
                "T/propdir/libnvrtc.so.13 (named)", "T/named/libnvrtc.so.13.0.88 (named)", "T/envdir/libnvrtc.so.13 (named)",
                "T/venv/lib/python3.12/site-packages/nvidia/cu13/lib/libnvrtc.so.13 (Python wheel)",
                "T/venv/lib/python3.12/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.13 (Python wheel)",
                "T/venv/lib/python3.9/site-packages/nvidia/cu13/lib/libnvrtc.so.13 (Python wheel)",
                "T/venv/lib/python3.9/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.13 (Python wheel)",
                "T/conda/lib/python3.11/site-packages/nvidia/cu13/lib/libnvrtc.so.13 (Python wheel)",
                "T/conda/lib/python3.11/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.13 (Python wheel)",
                "T/home/.local/lib/python3.10/site-packages/nvidia/cu13/lib/libnvrtc.so.13 (Python wheel)",
                "T/home/.local/lib/python3.10/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.13 (Python wheel)",
                "T/usr/lib/python3/dist-packages/nvidia/cu13/lib/libnvrtc.so.13 (Python wheel)",
                "T/usr/lib/python3/dist-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.13 (Python wheel)");
        assertEquals(expected13, c.subList(0, expected13.size()));
        // then the same places for .so.12, without the named file (used whatever its version, once)
        List<String> rest = c.subList(expected13.size(), c.size());
        assertEquals("libnvrtc.so.12 on the loader path", rest.getFirst());
        assertEquals(expected13.size() - 1, rest.size());
        assertTrue(rest.stream().noneMatch(s -> s.contains("libnvrtc.so.13")), rest.toString());
    }

    @Test
    void theLoaderPathWinsWhenItKnowsTheSoname() throws IOException {
        touch("cuda/lib64/libnvrtc.so.13");
        Recorder r = new Recorder("libnvrtc.so.13");
        LibrarySearch s = CudaLibraries.search(CudaLibrary.NVRTC, env(Map.of("CUDA_HOME", tmp.resolve("cuda").toString()), Map.of()), r);
        assertEquals(new LibrarySearch.Soname("libnvrtc.so.13"), ((LibrarySearch.Found) s).where());
        assertEquals(List.of("soname libnvrtc.so.13"), r.attempts);
    }

    @Test
    void aNewerSonameAnywhereBeatsAnOlderOneEarlierInTheOrder() throws IOException {
        touch("cuda/lib64/libnvrtc.so.12");
        Path wheel = touch("venv/lib/python3.11/site-packages/nvidia/cu13/lib/libnvrtc.so.13");
        Map<String, String> vars = Map.of("CUDA_HOME", tmp.resolve("cuda").toString(), "VIRTUAL_ENV", tmp.resolve("venv").toString());
        assertEquals(wheel, where(CudaLibraries.search(CudaLibrary.NVRTC, env(vars, Map.of()), new Recorder())));
    }

    @Test
    void cudaHomeThenNamedLocationsThenWheels() throws IOException {
        Path home = touch("cuda/targets/x86_64-linux/lib/libnvrtc.so.13");
        Path named = touch("mine/libnvrtc.so.13");
        touch("venv/lib/python3.11/site-packages/nvidia/cu13/lib/libnvrtc.so.13");
        Map<String, String> vars = new HashMap<>(Map.of("CUDA_PATH", tmp.resolve("cuda").toString(), "VIRTUAL_ENV",
                tmp.resolve("venv").toString(), SearchEnvironment.LIB_PATH_ENV, tmp.resolve("mine").toString()));
        assertEquals(home, where(CudaLibraries.search(CudaLibrary.NVRTC, env(vars, Map.of()), new Recorder())));
        vars.remove("CUDA_PATH");
        assertEquals(named, where(CudaLibraries.search(CudaLibrary.NVRTC, env(vars, Map.of()), new Recorder())));
        // the system property comes before the environment variable
        Path prop = touch("prop/libnvrtc.so.13");
        assertEquals(prop, where(CudaLibraries.search(CudaLibrary.NVRTC,
                env(vars, Map.of(SearchEnvironment.LIB_PATH_PROPERTY, tmp.resolve("prop").toString())), new Recorder())));
    }

    @Test
    void aWheelsBuiltinsAreLoadedBeforeNvrtcButNotTheAltBuild() throws IOException {
        String lib = "venv/lib/python3.11/site-packages/nvidia/cu13/lib/";
        Path nvrtc = touch(lib + "libnvrtc.so.13");
        Path builtins = touch(lib + "libnvrtc-builtins.so.13.0");
        touch(lib + "libnvrtc-builtins.alt.so.13.0");
        touch(lib + "libnvrtc.alt.so.13");
        touch(lib + "libnvrtc-builtins.so.12.4");
        Recorder r = new Recorder();
        LibrarySearch s = CudaLibraries.search(CudaLibrary.NVRTC, env(Map.of("VIRTUAL_ENV", tmp.resolve("venv").toString()), Map.of()), r);
        assertEquals(nvrtc, where(s));
        List<String> files = r.attempts.stream().filter(a -> !a.startsWith("soname")).toList();
        assertEquals(List.of(builtins.toString(), nvrtc.toString()), files);
    }

    @Test
    void cudaTwelveWheelLayout() throws IOException {
        Path p = touch("home/.local/lib/python3.10/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.12");
        assertEquals(p, where(CudaLibraries.search(CudaLibrary.NVRTC, env(Map.of(), Map.of()), new Recorder())));
    }

    @Test
    void namedFilesMustBeTheRightLibrary() throws IOException {
        Path builtins = touch("x/libnvrtc-builtins.so.13.0");
        Path driver = touch("x/libcuda.so.580.65");
        SearchEnvironment e = env(Map.of(SearchEnvironment.LIB_PATH_ENV, builtins + File.pathSeparator + driver), Map.of());
        assertInstanceOf(LibrarySearch.Missing.class, CudaLibraries.search(CudaLibrary.NVRTC, e, new Recorder()));
        assertEquals(driver, where(CudaLibraries.search(CudaLibrary.DRIVER, e, new Recorder())));
    }

    @Test
    void companionNames() {
        assertEquals("libnvrtc-builtins.so.13.", CudaLibrary.NVRTC.companionPrefix("libnvrtc.so.13"));
        assertEquals("libnvrtc-builtins.so.12.", CudaLibrary.NVRTC.companionPrefix("libnvrtc.so.12.4.127"));
        assertNull(CudaLibrary.NVRTC.companionPrefix("libnvrtc.so"));
        assertNull(CudaLibrary.DRIVER.companionPrefix("libcuda.so.1"));
        assertTrue(CudaLibrary.NVRTC.matchesFileName("libnvrtc.so.13"));
        assertFalse(CudaLibrary.NVRTC.matchesFileName("libnvrtc-builtins.so.13.0"));
    }

    @Test
    void whenNothingLoadsTheMessageSaysWhatWasSearchedAndHowToFixIt() throws IOException {
        Path broken = touch("venv/lib/python3.11/site-packages/nvidia/cu13/lib/libnvrtc.so.13");
        SearchEnvironment e = env(Map.of("VIRTUAL_ENV", tmp.resolve("venv").toString()), Map.of());
        // the JVM's own loader on a file that is not a library: recorded, and the search goes on
        LibrarySearch s = CudaLibraries.search(CudaLibrary.NVRTC, new SearchEnvironment(e.env(), e.properties(), e.home(),
                List.of(), List.of()), new CudaLibraries.Loader() {
                    @Override
                    public SymbolLookup bySoname(String soname) { throw new IllegalArgumentException("no " + soname); }

                    @Override
                    public SymbolLookup byPath(Path file) { return CudaLibraries.Loader.system().byPath(file); }
                });
        String m = assertInstanceOf(LibrarySearch.Missing.class, s).message();
        assertTrue(m.startsWith("NVRTC (libnvrtc.so.13 or libnvrtc.so.12) was not found. Searched, in order: the loader path"), m);
        assertTrue(m.contains("$CUDA_HOME (unset), $CUDA_PATH (unset)"), m);
        assertTrue(m.contains("-Dtilevm.cuda.libPath (unset); $TILEVM_CUDA_LIB_PATH (unset)"), m);
        assertTrue(m.contains("Python wheels (nvidia/cu13/lib, nvidia/cuda_nvrtc/lib) in " + tmp.resolve("venv/lib/python3.11/site-packages")), m);
        assertTrue(m.contains("Found but could not load: " + broken + ": "), m);
        assertTrue(m.contains("set TILEVM_CUDA_LIB_PATH (or -Dtilevm.cuda.libPath) to the folder holding libnvrtc.so.13"), m);
        assertTrue(m.contains("pip install nvidia-cuda-nvrtc"), m);
        assertFalse(m.contains("\n"), "one paragraph");
    }

    @Test
    void theDriverMessageExplainsThatItComesWithTheNvidiaDriver() {
        LibrarySearch s = CudaLibraries.search(CudaLibrary.DRIVER, env(Map.of("CUDA_HOME", "/opt/cuda-x"), Map.of()), new Recorder());
        String m = ((LibrarySearch.Missing) s).message();
        assertTrue(m.startsWith("the CUDA driver (libcuda.so.1) was not found."), m);
        assertTrue(m.contains("$CUDA_HOME=/opt/cuda-x") && m.contains("comes with the NVIDIA driver"), m);
        assertFalse(m.contains("Python wheels"), "no wheel ships the driver");
    }
}
