package dev.vidferry.api.ui;

import io.quarkus.qute.TemplateExtension;

/** Template helpers: {@code {size.human}} shows a byte count as people read it. */
@TemplateExtension
final class UiExtensions {

    private UiExtensions() {
    }

    static String human(Long bytes) {
        return bytes == null ? "" : Sizes.bytes(bytes);
    }

    static String human(long bytes) {
        return Sizes.bytes(bytes);
    }
}
