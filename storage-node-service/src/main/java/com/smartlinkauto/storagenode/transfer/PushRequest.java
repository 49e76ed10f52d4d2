package com.smartlinkauto.storagenode.transfer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * @param target base URL of the node that should receive the chunk, e.g. {@code http://10.0.0.9:9101}
 * @param via    optional relay node: the chunk goes this → via → target, and the relay does not keep a copy
 */
public record PushRequest(@NotBlank @Size(max = 512) String target, @Size(max = 512) String via) {
}
