package dev.vidferry.bench;

/** One of P1-P7. */
interface Benchmark {

    /** p1 ... p7. */
    String id();

    /** A word to run it by: transfer, dispatch, api, folders, scale, progress, recovery. */
    String name();

    void run(BenchContext ctx, Report report) throws Exception;
}
