package com.smartlinkauto.user.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.servicedefaults.validation.CleanText;
import com.smartlinkauto.user.web.PageResponse;
import com.smartlinkauto.user.web.Paging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Tag(name = "Admin")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/admin/audit")
    @Operation(summary = "The audit trail, newest first; optionally of one subject (a user id or a key id)")
    PageResponse<AuditEntryResponse> audit(@Parameter(description = "a user id or key id: at most 64 characters, "
            + "no control characters") @RequestParam(required = false) @CleanText(max = 64) String subjectId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size) {
        return PageResponse.of(audit.find(subjectId, page, size), AuditEntryResponse::of);
    }
}
