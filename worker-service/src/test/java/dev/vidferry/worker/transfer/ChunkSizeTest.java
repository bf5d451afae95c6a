package dev.vidferry.worker.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.MemorySize;

import dev.vidferry.worker.WorkerConfig;

class ChunkSizeTest {

    @Test
    void aChunkSizeThatIsNotAMultipleOf256KiBIsRefused() {
        assertThat(TransferService.chunkSize(config(8L << 20))).isEqualTo(8 << 20);
        assertThat(TransferService.chunkSize(config(512L << 10))).isEqualTo(512 << 10);
        assertThatThrownBy(() -> TransferService.chunkSize(config(1_000_000))).hasMessageContaining("256 KiB");
        assertThatThrownBy(() -> TransferService.chunkSize(config(0))).hasMessageContaining("256 KiB");
    }

    private static WorkerConfig config(long chunkSize) {
        return (WorkerConfig) Proxy.newProxyInstance(WorkerConfig.class.getClassLoader(),
                new Class<?>[]{WorkerConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("chunkSize")) {
                        return new MemorySize(java.math.BigInteger.valueOf(chunkSize));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
