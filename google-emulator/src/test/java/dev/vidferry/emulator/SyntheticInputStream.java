package dev.vidferry.emulator;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.vidferry.emulator.content.SyntheticContent;

/** Deterministic test bytes as a stream, hashing what was read. */
final class SyntheticInputStream extends InputStream {

    private final SyntheticContent content;
    private final MessageDigest md5;
    private long pos;

    SyntheticInputStream(long seed, long size) {
        this.content = new SyntheticContent(seed, size);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos >= content.size()) {
            return -1;
        }
        int n = (int) Math.min(len, content.size() - pos);
        content.fill(pos, b, off, n);
        md5.update(b, off, n);
        pos += n;
        return n;
    }

    static String md5Of(long seed, long size) {
        try (SyntheticInputStream in = new SyntheticInputStream(seed, size)) {
            in.transferTo(OutputStream.nullOutputStream());
            return in.md5Hex();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String md5Hex() {
        return HexFormat.of().formatHex(md5.digest());
    }

    private static final class OutputStream {

        static java.io.OutputStream nullOutputStream() {
            return java.io.OutputStream.nullOutputStream();
        }
    }
}
