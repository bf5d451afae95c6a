package dev.vidferry.api.ui;

import java.util.Locale;

/** Byte counts and rates as people read them (binary units, one decimal). */
public final class Sizes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Sizes() {
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    public static String rate(long bytesPerSecond) {
        return bytesPerSecond <= 0 ? "" : bytes(bytesPerSecond) + "/s";
    }
}
