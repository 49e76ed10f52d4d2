package com.smartlinkauto.user.account;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

/** 409: the verification state machine does not allow this move. */
public class IllegalVerificationTransitionException extends ApiException {

    public IllegalVerificationTransitionException(VerificationStatus from, VerificationStatus to) {
        super(HttpStatus.CONFLICT, ProblemTypes.of("illegal-verification-transition"),
                "A partner cannot move from " + from + " to " + to + " this way.", properties(from, to));
    }

    private static Map<String, Object> properties(VerificationStatus from, VerificationStatus to) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("from", String.valueOf(from));
        properties.put("to", String.valueOf(to));
        return properties;
    }
}
