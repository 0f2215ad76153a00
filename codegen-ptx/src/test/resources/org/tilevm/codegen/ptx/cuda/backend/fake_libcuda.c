/*
 * A fake CUDA driver (libcuda.so.1) for testing TileVM's FFM bindings and CUDA backend on machines
 * without a GPU. "Device memory" is host memory, modules are kept as their image bytes, and a
 * launch records its configuration and parameter bytes and runs a configurable stand-in kernel
 * (dst[i] = ~src[i] over n bytes, with src and dst taken from pointer parameters). The fake_*
 * functions let the tests configure it and read what it saw. Signatures follow cuda.h (CUDA 13).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int CUresult;
typedef unsigned long long CUdeviceptr;

static int g_init_result, g_count = 1, g_major = 9, g_minor = 0, g_initialized;
static void *g_ctx;
static int g_ctx_storage;
static long g_live;
static unsigned g_launch[7];
static int g_nparams, g_launches, g_max_dyn, g_launch_result, g_sync_result;
static unsigned char g_params[32][8];
static int g_src = -1, g_dst = -1;
static long g_kernel_bytes;

struct module { size_t size; unsigned char *image; };
struct function { struct module *module; int max_dyn; };

/* ---- test hooks */
void fake_reset(void) {
    g_init_result = 0; g_count = 1; g_major = 9; g_minor = 0; g_initialized = 0; g_ctx = 0;
    memset(g_launch, 0, sizeof g_launch); g_nparams = 0; g_launches = 0; g_max_dyn = 0;
    g_launch_result = 0; g_sync_result = 0; g_src = g_dst = -1; g_kernel_bytes = 0;
}
void fake_configure(int init_result, int count, int major, int minor) {
    g_init_result = init_result; g_count = count; g_major = major; g_minor = minor;
}
void fake_set_kernel(int src_param, int dst_param, long bytes) { g_src = src_param; g_dst = dst_param; g_kernel_bytes = bytes; }
void fake_set_param_count(int n) { g_nparams = n; }
void fake_set_results(int launch_result, int sync_result) { g_launch_result = launch_result; g_sync_result = sync_result; }
long fake_live_allocations(void) { return g_live; }
int fake_launches(void) { return g_launches; }
/* grid x y z, block x y z, dynamic shared bytes */
unsigned fake_last_launch(int i) { return g_launch[i]; }
long long fake_param(int i) { long long v; memcpy(&v, g_params[i], 8); return v; }
int fake_max_dynamic_smem(void) { return g_max_dyn; }

/* ---- errors */
static const char *names[][2] = {
    {"CUDA_SUCCESS", "no error"}, {"CUDA_ERROR_INVALID_VALUE", "invalid argument"},
    {"CUDA_ERROR_NOT_INITIALIZED", "initialization error"}, {"CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"},
    {"CUDA_ERROR_INVALID_CONTEXT", "invalid device context"}, {"CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"},
    {"CUDA_ERROR_NOT_FOUND", "named symbol not found"}, {"CUDA_ERROR_ILLEGAL_ADDRESS", "an illegal memory access was encountered"},
};
static int name_index(int code) {
    switch (code) {
        case 0: return 0; case 1: return 1; case 3: return 2; case 100: return 3; case 201: return 4;
        case 218: return 5; case 500: return 6; case 700: return 7; default: return -1;
    }
}
CUresult cuGetErrorName(CUresult e, const char **p) { int i = name_index(e); *p = i < 0 ? 0 : names[i][0]; return i < 0 ? 1 : 0; }
CUresult cuGetErrorString(CUresult e, const char **p) { int i = name_index(e); *p = i < 0 ? 0 : names[i][1]; return i < 0 ? 1 : 0; }

/* ---- init and devices */
CUresult cuInit(unsigned flags) { (void) flags; g_initialized = g_init_result == 0; return g_init_result; }
CUresult cuDriverGetVersion(int *v) { *v = 13000; return 0; }
CUresult cuDeviceGetCount(int *n) { if (!g_initialized) return 3; *n = g_count; return 0; }
CUresult cuDeviceGet(int *d, int ordinal) { if (ordinal < 0 || ordinal >= g_count) return 101; *d = ordinal; return 0; }
CUresult cuDeviceGetName(char *name, int len, int dev) { (void) dev; strncpy(name, "TileVM fake GPU", len); name[len - 1] = 0; return 0; }
CUresult cuDeviceGetAttribute(int *v, int attr, int dev) {
    (void) dev;
    switch (attr) {
        case 75: *v = g_major; break; case 76: *v = g_minor; break; case 16: *v = 132; break;
        case 8: *v = 48 * 1024; break; case 97: *v = 227 * 1024; break;
        case 5: *v = 2147483647; break; case 6: case 7: *v = 65535; break;
        case 1: *v = 1024; break; case 36: *v = 2619000; break; case 37: *v = 5120; break; default: *v = 0;
    }
    return 0;
}
CUresult cuDeviceTotalMem_v2(size_t *bytes, int dev) { (void) dev; *bytes = (size_t) 80 << 30; return 0; }
CUresult cuDevicePrimaryCtxRetain(void **ctx, int dev) { (void) dev; *ctx = &g_ctx_storage; return 0; }
CUresult cuDevicePrimaryCtxRelease_v2(int dev) { (void) dev; return 0; }
CUresult cuCtxSetCurrent(void *ctx) { g_ctx = ctx; return 0; }

/* ---- memory */
CUresult cuMemAlloc_v2(CUdeviceptr *p, size_t n) {
    if (!g_ctx) return 201;
    if (n == 0) return 1;
    void *m = aligned_alloc(256, (n + 255) / 256 * 256);
    if (!m) return 2;
    memset(m, 0xA5, n); /* device memory starts undefined: never zero, so tests notice a missed copy */
    g_live++;
    *p = (CUdeviceptr) (uintptr_t) m;
    return 0;
}
CUresult cuMemFree_v2(CUdeviceptr p) { if (!g_ctx) return 201; free((void *) (uintptr_t) p); g_live--; return 0; }
CUresult cuMemcpyHtoD_v2(CUdeviceptr d, const void *s, size_t n) { memcpy((void *) (uintptr_t) d, s, n); return 0; }
CUresult cuMemcpyDtoH_v2(void *d, CUdeviceptr s, size_t n) { memcpy(d, (void *) (uintptr_t) s, n); return 0; }
CUresult cuMemcpyDtoD_v2(CUdeviceptr d, CUdeviceptr s, size_t n) { memmove((void *) (uintptr_t) d, (void *) (uintptr_t) s, n); return 0; }
CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr d, const void *s, size_t n, void *st) { (void) st; return cuMemcpyHtoD_v2(d, s, n); }
CUresult cuMemcpyDtoHAsync_v2(void *d, CUdeviceptr s, size_t n, void *st) { (void) st; return cuMemcpyDtoH_v2(d, s, n); }
CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr d, CUdeviceptr s, size_t n, void *st) { (void) st; return cuMemcpyDtoD_v2(d, s, n); }
CUresult cuMemsetD8_v2(CUdeviceptr d, unsigned char v, size_t n) { memset((void *) (uintptr_t) d, v, n); return 0; }

/* ---- modules */
CUresult cuModuleLoadDataEx(void **mod, const void *image, unsigned n, int *options, void **values) {
    char *info = 0, *err = 0;
    size_t info_size = 0, err_size = 0;
    for (unsigned i = 0; i < n; i++) {
        switch (options[i]) {
            case 3: info = values[i]; break;
            case 4: info_size = (size_t) (uintptr_t) values[i]; break;
            case 5: err = values[i]; break;
            case 6: err_size = (size_t) (uintptr_t) values[i]; break;
        }
    }
    const unsigned char *img = image;
    int elf = img[0] == 0x7f && img[1] == 'E' && img[2] == 'L' && img[3] == 'F';
    size_t size = elf ? 0 : strlen(image) + 1;
    if (elf) { /* ELF64: the section and program header tables end the file */
        uint64_t shoff, phoff; uint16_t shentsize, shnum, phentsize, phnum;
        memcpy(&phoff, img + 0x20, 8); memcpy(&shoff, img + 0x28, 8);
        memcpy(&phentsize, img + 0x36, 2); memcpy(&phnum, img + 0x38, 2);
        memcpy(&shentsize, img + 0x3A, 2); memcpy(&shnum, img + 0x3C, 2);
        size = shoff + (size_t) shnum * shentsize;
        if (phoff + (size_t) phnum * phentsize > size) size = phoff + (size_t) phnum * phentsize;
    }
    if (!elf && strstr(image, "FAKE_JIT_ERROR")) {
        if (err && err_size > 0) { strncpy(err, "ptxas fatal   : fake error in line 7", err_size - 1); }
        return 218;
    }
    if (info && info_size > 0) strncpy(info, elf ? "fake JIT: cubin loaded" : "fake JIT: PTX compiled", info_size - 1);
    struct module *m = malloc(sizeof *m);
    m->size = size;
    m->image = malloc(size);
    memcpy(m->image, image, size);
    *mod = m;
    return 0;
}
CUresult cuModuleUnload(void *mod) { struct module *m = mod; free(m->image); free(m); return 0; }
CUresult cuModuleGetFunction(void **f, void *mod, const char *name) {
    struct module *m = mod;
    if (!memmem(m->image, m->size, name, strlen(name))) return 500;
    struct function *fn = calloc(1, sizeof *fn);
    fn->module = m;
    *f = fn;
    return 0;
}
CUresult cuFuncGetAttribute(int *v, int attr, void *f) {
    struct function *fn = f;
    *v = attr == 8 ? (fn->max_dyn ? fn->max_dyn : 48 * 1024) : attr == 4 ? 40 : 0;
    return 0;
}
CUresult cuFuncSetAttribute(void *f, int attr, int value) {
    struct function *fn = f;
    if (attr != 8) return 1;
    if (value > 227 * 1024) return 1;
    fn->max_dyn = value;
    g_max_dyn = value;
    return 0;
}
CUresult cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz, unsigned smem,
                        void *stream, void **params, void **extra) {
    (void) stream; (void) extra;
    struct function *fn = f;
    if (!g_ctx) return 201;
    if (smem > 48 * 1024 && (int) smem > fn->max_dyn) return 1; /* the real driver rejects this too */
    unsigned cfg[7] = {gx, gy, gz, bx, by, bz, smem};
    memcpy(g_launch, cfg, sizeof cfg);
    for (int i = 0; i < g_nparams && i < 32; i++) memcpy(g_params[i], params[i], 8);
    g_launches++;
    if (g_launch_result) return g_launch_result;
    if (g_src >= 0 && g_dst >= 0) {
        unsigned char *src, *dst;
        memcpy(&src, params[g_src], 8);
        memcpy(&dst, params[g_dst], 8);
        for (long i = 0; i < g_kernel_bytes; i++) dst[i] = (unsigned char) ~src[i];
    }
    return 0;
}

/* ---- streams and events */
static int g_stream;
CUresult cuStreamCreate(void **s, unsigned flags) { (void) flags; *s = &g_stream; return 0; }
CUresult cuStreamDestroy_v2(void *s) { (void) s; return 0; }
CUresult cuStreamSynchronize(void *s) { (void) s; int r = g_sync_result; return r; }
CUresult cuEventCreate(void **e, unsigned flags) { (void) flags; *e = calloc(1, sizeof(double)); return 0; }
CUresult cuEventRecord(void *e, void *s) {
    (void) s;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    *(double *) e = t.tv_sec * 1e3 + t.tv_nsec / 1e6;
    return 0;
}
CUresult cuEventSynchronize(void *e) { (void) e; return 0; }
CUresult cuEventElapsedTime_v2(float *ms, void *a, void *b) { *ms = (float) (*(double *) b - *(double *) a); return 0; }
CUresult cuEventDestroy_v2(void *e) { free(e); return 0; }
