package com.smartlinkauto.storage.node;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.smartlinkauto.servicedefaults.validation.CleanText;
import com.smartlinkauto.servicedefaults.validation.SaneInstant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/** A node's full, authoritative list of the chunks it holds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChunkReport(
        @NotBlank @Pattern(regexp = StorageNode.ID_PATTERN) String nodeId,
        @CleanText(max = 32) String zone,
        @CleanText(max = 255) String baseUrl,
        @NotNull @SaneInstant Instant generatedAt,
        @PositiveOrZero long chunkCount,
        @PositiveOrZero long usedBytes,
        @NotNull List<@Valid @NotNull Entry> chunks) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(@NotNull @Pattern(regexp = "[0-9a-f]{64}") String id, @PositiveOrZero long size) {
    }
}
