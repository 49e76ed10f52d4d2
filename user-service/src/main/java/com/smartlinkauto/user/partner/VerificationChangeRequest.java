package com.smartlinkauto.user.partner;

import java.util.ArrayList;
import java.util.List;

import com.smartlinkauto.servicedefaults.validation.CleanText;
import com.smartlinkauto.user.account.VerificationStatus;
import com.smartlinkauto.user.web.CrossFieldChecks;
import com.smartlinkauto.user.web.Inputs;

import jakarta.validation.constraints.NotNull;

/** Body of {@code PATCH /api/admin/partners/{id}/verification}: VERIFIED, or REJECTED with a reason. */
@CrossFieldChecks
public record VerificationChangeRequest(@NotNull VerificationStatus status,
        @CleanText(max = Inputs.REASON_MAX) String reason)
        implements CrossFieldChecks.Checked {

    public VerificationChangeRequest {
        reason = Inputs.trim(reason);
        if (reason != null && reason.isEmpty()) {
            reason = null;
        }
    }

    @Override
    public List<CrossFieldChecks.FieldProblem> crossFieldProblems() {
        List<CrossFieldChecks.FieldProblem> problems = new ArrayList<>();
        if (status == VerificationStatus.PENDING) {
            problems.add(new CrossFieldChecks.FieldProblem("status", "must be VERIFIED or REJECTED"));
        }
        if (status != null && VerificationStatus.requiresReason(status) && reason == null) {
            problems.add(new CrossFieldChecks.FieldProblem("reason", "is required when rejecting"));
        }
        return problems;
    }
}
