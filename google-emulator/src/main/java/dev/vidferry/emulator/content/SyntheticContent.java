package dev.vidferry.emulator.content;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Deterministic bytes of any length, generated from (seed, offset) without holding the file: the 8-byte word at index
 * {@code w} is {@code PATTERN[(w + shift) mod 8192] ^ ((w + 1) * GOLDEN ^ mix(seed))}. One shared 64 KiB pattern
 * serves every file.
 */
public final class SyntheticContent {

    private static final int PATTERN_LONGS = 8192;
    private static final long[] PATTERN = new long[PATTERN_LONGS];
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        SplittableRandom random = new SplittableRandom(0x5EEDF11EL);
        for (int i = 0; i < PATTERN_LONGS; i++) {
            PATTERN[i] = random.nextLong();
        }
    }

    private final long seed;
    private final long size;
    private final long mix;
    private final int shift;
    /** fixed bytes (a sidecar, a manifest) instead of generated ones; null for generated content */
    private final byte[] literal;
    private volatile CompletableFuture<Digests> digests;

    public SyntheticContent(long seed, long size) {
        this(seed, size, null);
    }

    private SyntheticContent(long seed, long size, byte[] literal) {
        this.seed = seed;
        this.size = size;
        this.mix = mix64(seed);
        this.shift = (int) (mix >>> 51);
        this.literal = literal;
    }

    /** Content that is exactly {@code bytes} (small text files a test writes: sidecars, manifests). */
    public static SyntheticContent literal(byte[] bytes) {
        return new SyntheticContent(0, bytes.length, bytes.clone());
    }

    public long seed() {
        return seed;
    }

    public long size() {
        return size;
    }

    private long word(long w) {
        return PATTERN[(int) ((w + shift) & (PATTERN_LONGS - 1))] ^ ((w + 1) * GOLDEN ^ mix);
    }

    private byte byteAt(long pos) {
        return (byte) (word(pos >>> 3) >>> ((pos & 7) * 8));
    }

    /** Writes bytes [pos, pos + len) into dst at off. */
    public void fill(long pos, byte[] dst, int off, int len) {
        if (literal != null) {
            System.arraycopy(literal, (int) pos, dst, off, len);
            return;
        }
        int i = 0;
        while (i < len && ((pos + i) & 7) != 0) {
            dst[off + i] = byteAt(pos + i);
            i++;
        }
        long w = (pos + i) >>> 3;
        while (len - i >= 8) {
            LONGS.set(dst, off + i, word(w++));
            i += 8;
        }
        while (i < len) {
            dst[off + i] = byteAt(pos + i);
            i++;
        }
    }

    /** md5 and sha256 of the whole content, computed once on the executor (streaming, 1 MiB at a time). */
    public CompletableFuture<Digests> digests(Executor executor) {
        CompletableFuture<Digests> d = digests;
        if (d == null) {
            synchronized (this) {
                d = digests;
                if (d == null) {
                    CompletableFuture<String> md5 = CompletableFuture.supplyAsync(() -> digest("MD5"), executor);
                    CompletableFuture<String> sha256 = CompletableFuture.supplyAsync(() -> digest("SHA-256"), executor);
                    d = md5.thenCombine(sha256, Digests::new);
                    digests = d;
                }
            }
        }
        return d;
    }

    /** Digests if already computed, else null. */
    public Digests digestsIfDone() {
        CompletableFuture<Digests> d = digests;
        return d != null && d.isDone() && !d.isCompletedExceptionally() ? d.join() : null;
    }

    /** One streaming pass (1 MiB blocks); md5 and sha256 run as separate passes so they use two cores. */
    private String digest(String algorithm) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            byte[] block = new byte[1 << 20];
            long pos = 0;
            while (pos < size) {
                int n = (int) Math.min(block.length, size - pos);
                fill(pos, block, 0, n);
                md.update(block, 0, n);
                pos += n;
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Hex digests of a content. */
    public record Digests(String md5, String sha256) {
    }
}
