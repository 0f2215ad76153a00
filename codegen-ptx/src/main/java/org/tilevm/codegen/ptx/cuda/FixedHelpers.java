package org.tilevm.codegen.ptx.cuda;

import java.util.List;
import java.util.Map;

/**
 * The C text of the printer's fixed helper functions ({@code static __device__ __forceinline__},
 * named {@code tv_*}), keyed by name, with the helpers each one calls. Generated per-dtype helpers
 * are in {@link DtypeHelpers}. The float encoding helpers mirror {@code FloatType.encode} step by
 * step (vm-spec Part D5), so a GPU produces the codes the Java reference does.
 */
final class FixedHelpers {
    private FixedHelpers() {}

    record Helper(String code, List<String> deps) {}

    /** The names of the fixed helpers (for tests). */
    static java.util.Set<String> names() { return TABLE.keySet(); }

    static Helper get(String name) {
        Helper h = TABLE.get(name);
        if (h == null) throw new IllegalStateException("no fixed helper " + name);
        return h;
    }

    private static final String F = "static __device__ __forceinline__ ";

    /** The helper in plain C++ where its GPU form is inline PTX (for host testing), else the helper itself. */
    static Helper portable(String name) {
        Helper h = PORTABLE.get(name);
        return h != null ? h : get(name);
    }

    private static Helper h(String code, String... deps) { return new Helper(code, List.of(deps)); }

    private static final Map<String, Helper> TABLE = Map.ofEntries(
            Map.entry("tv_u32x2", h("struct __align__(8) tv_u32x2 { unsigned x, y; };")),
            Map.entry("tv_u32x4", h("struct __align__(16) tv_u32x4 { unsigned x, y, z, w; };")),
            Map.entry("tv_cvta_shared", h("""
                    // The 32-bit shared-window address of a generic pointer to shared memory.
                    %sunsigned tv_cvta_shared(const void* p) {
                      unsigned a;
                      asm("{ .reg .u64 t; cvta.to.shared.u64 t, %%1; cvt.u32.u64 %%0, t; }" : "=r"(a) : "l"(p));
                      return a;
                    }""".formatted(F))),

            // ---- float encoding (vm-spec D5), exactly as FloatType.encodeMagnitude / encode
            Map.entry("tv_fenc_mag32", h("""
                    // Code (no sign) of sig * 2^exp (0 < sig < 2^32) in a float type with E exponent and M
                    // mantissa bits: truncate to the quantum of the result's binade, round to nearest with
                    // ties to the even code, then codes above maxc become over (max or inf).
                    %sunsigned tv_fenc_mag32(unsigned sig, int exp, int E, int M, unsigned maxc, unsigned over) {
                      const int bias = (1 << (E - 1)) - 1;
                      const int ea = exp + 31 - __clz(sig);
                      const int et = ea > 1 - bias ? ea : 1 - bias;
                      const int shift = et - M - exp;
                      unsigned n;
                      bool above = false, tie = false;
                      if (shift <= 0) {
                        n = sig << -shift;
                      } else if (shift >= 32) {
                        n = 0u;
                      } else {
                        n = sig >> shift;
                        const unsigned rem = sig & ((1u << shift) - 1u), half = 1u << (shift - 1);
                        above = rem > half;
                        tie = rem == half;
                      }
                      unsigned code = n >= (1u << M) ? ((unsigned)(et + bias) << M) | (n - (1u << M)) : n;
                      if (above || (tie && (code & 1u))) code++;
                      return code > maxc ? over : code;
                    }""".formatted(F))),
            Map.entry("tv_fenc_mag64", h("""
                    // As tv_fenc_mag32 for 0 < sig < 2^64 (doubles and 64-bit integers).
                    %sunsigned tv_fenc_mag64(unsigned long long sig, int exp, int E, int M, unsigned maxc, unsigned over) {
                      const int bias = (1 << (E - 1)) - 1;
                      const int ea = exp + 63 - __clzll(sig);
                      const int et = ea > 1 - bias ? ea : 1 - bias;
                      const int shift = et - M - exp;
                      unsigned long long n;
                      bool above = false, tie = false;
                      if (shift <= 0) {
                        n = sig << -shift;
                      } else if (shift >= 64) {
                        n = 0ull;
                      } else {
                        n = sig >> shift;
                        const unsigned long long rem = sig & ((1ull << shift) - 1ull), half = 1ull << (shift - 1);
                        above = rem > half;
                        tie = rem == half;
                      }
                      unsigned long long code = n >= (1ull << M) ? ((unsigned long long)(et + bias) << M) | (n - (1ull << M)) : n;
                      if (above || (tie && (code & 1ull))) code++;
                      return code > maxc ? over : (unsigned)code;
                    }""".formatted(F))),
            Map.entry("tv_fenc_f32", h("""
                    // The code of a float in a float type (E, M): NaN -> nanc, +-inf -> +-infc, zeros keep
                    // their sign, else rounded by tv_fenc_mag32.
                    %sunsigned tv_fenc_f32(float x, int E, int M, unsigned maxc, unsigned nanc, unsigned infc, unsigned over) {
                      const unsigned raw = __float_as_uint(x), a = raw & 0x7fffffffu;
                      const unsigned sign = (raw >> 31) << (E + M);
                      if (a > 0x7f800000u) return nanc;
                      if (a == 0x7f800000u) return sign | infc;
                      if (a == 0u) return sign;
                      const unsigned de = a >> 23;
                      if (de == 0u) return sign | tv_fenc_mag32(a, -149, E, M, maxc, over);
                      return sign | tv_fenc_mag32((a & 0x7fffffu) | 0x800000u, (int)de - 150, E, M, maxc, over);
                    }""".formatted(F), "tv_fenc_mag32")),
            Map.entry("tv_fenc_f64", h("""
                    // As tv_fenc_f32 for a double.
                    %sunsigned tv_fenc_f64(double x, int E, int M, unsigned maxc, unsigned nanc, unsigned infc, unsigned over) {
                      const unsigned long long raw = (unsigned long long)__double_as_longlong(x);
                      const unsigned long long a = raw & 0x7fffffffffffffffull;
                      const unsigned sign = (unsigned)(raw >> 63) << (E + M);
                      if (a > 0x7ff0000000000000ull) return nanc;
                      if (a == 0x7ff0000000000000ull) return sign | infc;
                      if (a == 0ull) return sign;
                      const int de = (int)(a >> 52);
                      if (de == 0) return sign | tv_fenc_mag64(a, -1074, E, M, maxc, over);
                      return sign | tv_fenc_mag64((a & 0xfffffffffffffull) | 0x10000000000000ull, de - 1075, E, M, maxc, over);
                    }""".formatted(F), "tv_fenc_mag64")),
            Map.entry("tv_fenc_i64", h("""
                    // The code of an exact integer in a float type (E, M): rounded once (no detour through double).
                    %sunsigned tv_fenc_i64(long long v, int E, int M, unsigned maxc, unsigned over) {
                      if (v == 0) return 0u;
                      const unsigned sign = v < 0 ? 1u << (E + M) : 0u;
                      const unsigned long long mag = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
                      return sign | tv_fenc_mag64(mag, 0, E, M, maxc, over);
                    }""".formatted(F), "tv_fenc_mag64")),
            Map.entry("tv_fdec", h("""
                    // The exact value of code c of a float type with E exponent and M mantissa bits (E <= 8,
                    // M <= 22); kind 0: finite only, 1: OCP E4M3 (S.1111.111 is NaN), 2: IEEE (inf and NaN).
                    %sfloat tv_fdec(unsigned c, int E, int M, int kind) {
                      const unsigned s = (c >> (E + M)) & 1u, e = (c >> M) & ((1u << E) - 1u), m = c & ((1u << M) - 1u);
                      const unsigned emax = (1u << E) - 1u;
                      if (kind == 2 && e == emax) return __uint_as_float(m != 0u ? 0x7fc00000u : (s << 31) | 0x7f800000u);
                      if (kind == 1 && e == emax && m == (1u << M) - 1u) return __uint_as_float(0x7fc00000u);
                      const int bias = (1 << (E - 1)) - 1;
                      unsigned mag;
                      if (e == 0u) {
                        const int p = 1 - bias - M;  // subnormal: m * 2^p, exact in float
                        const float scale = __uint_as_float(p >= -126 ? (unsigned)(p + 127) << 23 : 1u << (p + 149));
                        mag = __float_as_uint(__fmul_rn((float)m, scale));
                      } else {
                        mag = ((e + 127u - (unsigned)bias) << 23) | (m << (23 - M));
                      }
                      return __uint_as_float((s << 31) | mag);
                    }""".formatted(F))),
            Map.entry("tv_f2int_sat", h("""
                    // x rounded to the nearest integer (ties to even), saturated to [lo, hi]; NaN gives 0.
                    %slong long tv_f2int_sat(float x, long long lo, long long hi) {
                      if (x != x) return 0;
                      const float r = rintf(x);
                      if (r <= (float)lo) return lo;
                      if (r >= (float)hi) return hi;  // (float)hi is hi or the next power of two
                      return (long long)r;
                    }""".formatted(F))),

            // ---- arithmetic with the TIR's exact semantics
            Map.entry("tv_fmin_f32", h("""
                    // min/max as Java's Math.min/max: a NaN operand (the first one) is the result, -0 < +0.
                    %sfloat tv_fmin(float a, float b) {
                      if (a != a) return a;
                      if (b != b) return b;
                      if (a == b) return __uint_as_float(__float_as_uint(a) | __float_as_uint(b));
                      return a < b ? a : b;
                    }""".formatted(F))),
            Map.entry("tv_fmin_f64", h("""
                    %sdouble tv_fmin(double a, double b) {
                      if (a != a) return a;
                      if (b != b) return b;
                      if (a == b) return __longlong_as_double(__double_as_longlong(a) | __double_as_longlong(b));
                      return a < b ? a : b;
                    }""".formatted(F))),
            Map.entry("tv_fmax_f32", h("""
                    %sfloat tv_fmax(float a, float b) {
                      if (a != a) return a;
                      if (b != b) return b;
                      if (a == b) return __uint_as_float(__float_as_uint(a) & __float_as_uint(b));
                      return a > b ? a : b;
                    }""".formatted(F))),
            Map.entry("tv_fmax_f64", h("""
                    %sdouble tv_fmax(double a, double b) {
                      if (a != a) return a;
                      if (b != b) return b;
                      if (a == b) return __longlong_as_double(__double_as_longlong(a) & __double_as_longlong(b));
                      return a > b ? a : b;
                    }""".formatted(F))),
            Map.entry("tv_min", h("template <typename T> %sT tv_min(T a, T b) { return b < a ? b : a; }".formatted(F))),
            Map.entry("tv_max", h("template <typename T> %sT tv_max(T a, T b) { return b > a ? b : a; }".formatted(F))),
            Map.entry("tv_sdiv", h("""
                    // Signed division truncating toward zero; MIN / -1 wraps to MIN (C leaves it undefined).
                    template <typename T> %sT tv_sdiv(T a, T b) { return b == (T)-1 ? (T)(0ull - (unsigned long long)a) : a / b; }
                    template <typename T> %sT tv_srem(T a, T b) { return b == (T)-1 ? (T)0 : a %% b; }""".formatted(F, F))),
            Map.entry("tv_iabs", h("""
                    // |a| wrapping: |MIN| is MIN.
                    template <typename T> %sT tv_iabs(T a) { return a < 0 ? (T)(0ull - (unsigned long long)a) : a; }""".formatted(F))),
            Map.entry("tv_rsqrt_f32", h("""
                    // 1/sqrt(x) as the reference computes it: in double, rounded once to the type.
                    %sfloat tv_rsqrt(float x) { return (float)__ddiv_rn(1.0, __dsqrt_rn((double)x)); }""".formatted(F))),
            Map.entry("tv_rsqrt_f64", h("%sdouble tv_rsqrt(double x) { return __ddiv_rn(1.0, __dsqrt_rn(x)); }".formatted(F))),
            Map.entry("tv_exp_f32", h("""
                    // exp/log of a float evaluated in double and rounded once (as the reference does).
                    %sfloat tv_exp(float x) { return (float)exp((double)x); }""".formatted(F))),
            Map.entry("tv_exp_f64", h("%sdouble tv_exp(double x) { return exp(x); }".formatted(F))),
            Map.entry("tv_log_f32", h("%sfloat tv_log(float x) { return (float)log((double)x); }".formatted(F))),
            Map.entry("tv_log_f64", h("%sdouble tv_log(double x) { return log(x); }".formatted(F))),

            // ---- bit tricks
            Map.entry("tv_lop3", h("""
                    template <int LUT> %sunsigned tv_lop3(unsigned a, unsigned b, unsigned c) {
                      unsigned d;
                      asm("lop3.b32 %%0, %%1, %%2, %%3, %%4;" : "=r"(d) : "r"(a), "r"(b), "r"(c), "n"(LUT));
                      return d;
                    }""".formatted(F))),
            Map.entry("tv_prmt", h("""
                    %sunsigned tv_prmt(unsigned a, unsigned b, unsigned s) {
                      unsigned d;
                      asm("prmt.b32 %%0, %%1, %%2, %%3;" : "=r"(d) : "r"(a), "r"(b), "r"(s));
                      return d;
                    }""".formatted(F))),
            Map.entry("tv_f16x2_canon", h("""
                    // Replaces NaN lanes of a packed pair by the canonical NaN (f16 0x7e00, bf16 0x7fc0), as the
                    // reference rounds NaN results; the hardware gives 0x7fff. A lane is NaN when its magnitude
                    // exceeds inf's code (inf + low = 0x8000 detects it without carries between lanes).
                    %sunsigned tv_f16x2_canon(unsigned d) {
                      const unsigned m = (((d & 0x7fff7fffu) + 0x03ff03ffu) & 0x80008000u) >> 15;
                      return m == 0u ? d : (d & ~(m * 0xffffu)) | (0x7e007e00u & (m * 0xffffu));
                    }""".formatted(F))),
            Map.entry("tv_bf16x2_canon", h("""
                    // As tv_f16x2_canon for bf16 lanes (inf 0x7f80, canonical NaN 0x7fc0).
                    %sunsigned tv_bf16x2_canon(unsigned d) {
                      const unsigned m = (((d & 0x7fff7fffu) + 0x007f007fu) & 0x80008000u) >> 15;
                      return m == 0u ? d : (d & ~(m * 0xffffu)) | (0x7fc07fc0u & (m * 0xffffu));
                    }""".formatted(F))),
            Map.entry("tv_f16x2_add", h(h2("tv_f16x2_add", "add.rn.f16x2", false), "tv_f16x2_canon")),
            Map.entry("tv_f16x2_sub", h(h2("tv_f16x2_sub", "sub.rn.f16x2", false), "tv_f16x2_canon")),
            Map.entry("tv_f16x2_mul", h(h2("tv_f16x2_mul", "mul.rn.f16x2", false), "tv_f16x2_canon")),
            Map.entry("tv_f16x2_fma", h(h2("tv_f16x2_fma", "fma.rn.f16x2", true), "tv_f16x2_canon")),
            Map.entry("tv_bf16x2_fma", h(h2("tv_bf16x2_fma", "fma.rn.bf16x2", true), "tv_bf16x2_canon")),
            Map.entry("tv_bf16x2_add", h("""
                    // bf16x2 add/sub/mul as exact fma forms (add/sub/mul.bf16x2 need sm_90; fma.rn.bf16x2 is sm_80):
                    // a + b = a*1 + b, a - b = b*(-1) + a, a * b = a*b + (-0) (keeps the sign of a zero product).
                    %sunsigned tv_bf16x2_add(unsigned a, unsigned b) { return tv_bf16x2_fma(a, 0x3f803f80u, b); }""".formatted(F),
                    "tv_bf16x2_fma")),
            Map.entry("tv_bf16x2_sub", h("%sunsigned tv_bf16x2_sub(unsigned a, unsigned b) { return tv_bf16x2_fma(b, 0xbf80bf80u, a); }"
                    .formatted(F), "tv_bf16x2_fma")),
            Map.entry("tv_bf16x2_mul", h("%sunsigned tv_bf16x2_mul(unsigned a, unsigned b) { return tv_bf16x2_fma(a, b, 0x80008000u); }"
                    .formatted(F), "tv_bf16x2_fma")),

            // ---- warp shuffles (PTX semantics: the low 5 bits of the lane operand; a source lane outside the warp gives the own value)
            Map.entry("tv_shfl_idx", h(shfl("idx", "0x1f"))),
            Map.entry("tv_shfl_up", h(shfl("up", "0x0"))),
            Map.entry("tv_shfl_down", h(shfl("down", "0x1f"))),
            Map.entry("tv_shfl_bfly", h(shfl("bfly", "0x1f"))),

            // ---- memory
            Map.entry("tv_ldbits", h("""
                    // nbits (1..64) at bit address bit of p, assembled from the bytes that hold them (LSB
                    // first), zero-extended. ALIGN (bits) is guaranteed for bit: >= 8 means byte-aligned.
                    template <int ALIGN>
                    %sunsigned long long tv_ldbits(const unsigned char* p, long long bit, int nbits) {
                      const int off = ALIGN >= 8 ? 0 : (int)(bit & 7);
                      const unsigned char* b = p + (bit >> 3);
                      const int nbytes = (off + nbits + 7) >> 3;
                      unsigned long long v = 0ull;
                    #pragma unroll
                      for (int i = 0; i < 8; ++i)
                        if (i < nbytes) v |= (unsigned long long)b[i] << (8 * i);
                      v >>= off;
                      if (nbytes > 8) v |= (unsigned long long)b[8] << ((64 - off) & 63);  // only when off > 0
                      return nbits >= 64 ? v : v & ((1ull << nbits) - 1ull);
                    }""".formatted(F))),
            Map.entry("tv_atomic_bits", h("""
                    // Sets the bits of mask in one byte to bits, atomically on the aligned 32-bit word that
                    // holds it, so that other bits of the byte (written by other threads) are kept.
                    %svoid tv_atomic_bits(unsigned char* byte, unsigned mask, unsigned bits) {
                      const int sh = 8 * (int)((unsigned long long)byte & 3ull);
                      unsigned* word = (unsigned*)(byte - (sh >> 3));
                      atomicAnd(word, ~(mask << sh));
                      atomicOr(word, (bits & mask) << sh);
                    }""".formatted(F))),
            Map.entry("tv_stbits", h("""
                    // Writes the low nbits (1..64) of v to bit address bit of p: whole bytes with plain byte
                    // stores, partial bytes with tv_atomic_bits. ALIGN as for tv_ldbits.
                    template <int ALIGN>
                    %svoid tv_stbits(unsigned char* p, long long bit, int nbits, unsigned long long v) {
                      const int off = ALIGN >= 8 ? 0 : (int)(bit & 7);
                      unsigned char* b = p + (bit >> 3);
                      const int end = off + nbits;
                      const int nbytes = (end + 7) >> 3;
                    #pragma unroll
                      for (int i = 0; i < 9; ++i) {
                        if (i < nbytes) {
                          const int lo = i == 0 ? off : 0;
                          const int hi = end - 8 * i < 8 ? end - 8 * i : 8;
                          const unsigned mask = (0xffu >> (8 - (hi - lo))) << lo;
                          const unsigned bits = (unsigned)(i == 0 ? v << off : v >> ((8 * i - off) & 63)) & 0xffu;
                          if (mask == 0xffu) b[i] = (unsigned char)bits;
                          else tv_atomic_bits(b + i, mask, bits);
                        }
                      }
                    }""".formatted(F), "tv_atomic_bits")),
            Map.entry("tv_ld_acquire", h("""
                    %sunsigned tv_ld_acquire(const unsigned char* p) {
                      unsigned v;
                      asm volatile("ld.acquire.gpu.global.u32 %%0, [%%1];" : "=r"(v) : "l"(p) : "memory");
                      return v;
                    }""".formatted(F))),
            Map.entry("tv_st_release", h("""
                    %svoid tv_st_release(unsigned char* p, unsigned v) {
                      asm volatile("st.release.gpu.global.u32 [%%0], %%1;" :: "l"(p), "r"(v) : "memory");
                    }""".formatted(F))));

    /** Plain C++ forms of the bit instructions (same results as {@code lop3.b32} and {@code prmt.b32}). */
    private static final Map<String, Helper> PORTABLE = Map.of(
            "tv_lop3", h("""
                    template <int LUT> %sunsigned tv_lop3(unsigned a, unsigned b, unsigned c) {
                      unsigned d = 0u;
                      for (int i = 0; i < 8; ++i)
                        if ((LUT >> i) & 1) d |= ((i & 4) ? a : ~a) & ((i & 2) ? b : ~b) & ((i & 1) ? c : ~c);
                      return d;
                    }""".formatted(F)),
            "tv_prmt", h("""
                    %sunsigned tv_prmt(unsigned a, unsigned b, unsigned s) {
                      const unsigned long long x = ((unsigned long long)b << 32) | a;
                      unsigned d = 0u;
                      for (int n = 0; n < 4; ++n) {
                        const unsigned sel = (s >> (4 * n)) & 0xfu;
                        unsigned byte = (unsigned)(x >> (8 * (sel & 7u))) & 0xffu;
                        if (sel & 8u) byte = (byte & 0x80u) ? 0xffu : 0u;  // replicate the sign bit
                        d |= byte << (8 * n);
                      }
                      return d;
                    }""".formatted(F)));

    private static String h2(String name, String ptx, boolean fma) {
        return fma
                ? """
                  %sunsigned %s(unsigned a, unsigned b, unsigned c) {
                    unsigned d;
                    asm("%s %%0, %%1, %%2, %%3;" : "=r"(d) : "r"(a), "r"(b), "r"(c));
                    return %s(d);
                  }""".formatted(F, name, ptx, canon(name))
                : """
                  %sunsigned %s(unsigned a, unsigned b) {
                    unsigned d;
                    asm("%s %%0, %%1, %%2;" : "=r"(d) : "r"(a), "r"(b));
                    return %s(d);
                  }""".formatted(F, name, ptx, canon(name));
    }

    private static String canon(String name) { return name.startsWith("tv_bf16") ? "tv_bf16x2_canon" : "tv_f16x2_canon"; }

    private static String shfl(String mode, String c) {
        return """
               %sunsigned tv_shfl_%s(unsigned v, int lane) {
                 unsigned r;
                 asm volatile("shfl.sync.%s.b32 %%0, %%1, %%2, %s, 0xffffffff;" : "=r"(r) : "r"(v), "r"(lane));
                 return r;
               }""".formatted(F, mode, mode, c);
    }

    /** The name of the float-to-integer truncating conversion helper (PTX {@code cvt.rzi}, saturating, NaN to 0). */
    static String cvtName(String dstPtx, String srcPtx) { return "tv_cvt_" + dstPtx + "_" + srcPtx; }

    /**
     * The C text of {@link #cvtName}: {@code dstPtx} in s32/u32/s64/u64, {@code srcPtx} f32/f64;
     * {@code portable}: in plain C++ with the same saturation.
     */
    static String cvtCode(String dstPtx, String srcPtx, boolean portable) {
        String dstC = switch (dstPtx) {
            case "s32" -> "int";
            case "u32" -> "unsigned";
            case "s64" -> "long long";
            default -> "unsigned long long";
        };
        String dc = dstPtx.endsWith("64") ? "l" : "r";
        String sc = srcPtx.equals("f64") ? "d" : "f";
        String srcC = srcPtx.equals("f64") ? "double" : "float";
        if (portable) {
            int bits = dstPtx.endsWith("64") ? 64 : 32;
            boolean signed = dstPtx.startsWith("s");
            String lim = signed ? "0x1p" + (bits - 1) : "0x1p" + bits;     // first value out of range, exact
            String lo = signed ? "-" + lim : "-1.0";                        // values at or below it saturate low
            String max = signed ? (bits == 64 ? "0x7fffffffffffffffll" : "0x7fffffff")
                    : (bits == 64 ? "0xffffffffffffffffull" : "0xffffffffu");
            String min = signed ? (bits == 64 ? "(-0x7fffffffffffffffll - 1)" : "(-0x7fffffff - 1)") : "0u";
            return """
                   %s%s %s(%s x) {
                     if (x != x) return 0;
                     if (x >= %s) return %s;
                     if (x <= %s) return %s;
                     return (%s)x;
                   }""".formatted(F, dstC, cvtName(dstPtx, srcPtx), srcC, lim, max, lo, min, dstC);
        }
        return """
               // Truncation toward zero; PTX cvt saturates out-of-range values and gives 0 for NaN.
               %s%s %s(%s x) {
                 %s r;
                 asm("cvt.rzi.%s.%s %%0, %%1;" : "=%s"(r) : "%s"(x));
                 return r;
               }""".formatted(F, dstC, cvtName(dstPtx, srcPtx), srcC, dstC, dstPtx, srcPtx, dc, sc);
    }
}
