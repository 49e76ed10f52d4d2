package com.smartlinkauto.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

/** The request record's normalisation and rules, without Spring. */
class SignUpRequestTest {

    private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

    @AfterAll
    static void close() {
        factory.close();
    }

    private static Set<String> invalidFields(SignUpRequest request) {
        return factory.getValidator().validate(request).stream()
                .map(ConstraintViolation::getPropertyPath).map(Object::toString).collect(Collectors.toSet());
    }

    @Test
    void normalisesBeforeValidating() {
        SignUpRequest request = new SignUpRequest("  Ada@Example.TEST ", "Correct-Horse-Battery-7", " Ada ",
                "\tLovelace ", " +14155550123 ");
        assertThat(request.email()).isEqualTo("ada@example.test");
        assertThat(request.firstName()).isEqualTo("Ada");
        assertThat(request.lastName()).isEqualTo("Lovelace");
        assertThat(request.phoneNumber()).isEqualTo("+14155550123");
        assertThat(invalidFields(request)).isEmpty();
        assertThat(request.toString()).doesNotContain("Correct-Horse");
    }

    @Test
    void reportsEachProblemOnItsField() {
        assertThat(invalidFields(new SignUpRequest("adalovelace@example.test", "my-adalovelace-pw", "A", "L", "+14155550123")))
                .containsExactly("password");
        assertThat(invalidFields(new SignUpRequest("x@y", "Correct-Horse-Battery-7", "", "L\u0000", "+1")))
                .containsExactlyInAnyOrder("email", "firstName", "lastName", "phoneNumber");
        assertThat(invalidFields(new SignUpRequest(null, null, null, null, null)))
                .containsExactlyInAnyOrder("email", "password", "firstName", "lastName", "phoneNumber");
    }
}
