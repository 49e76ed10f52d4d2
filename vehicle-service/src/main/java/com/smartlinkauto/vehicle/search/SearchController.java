package com.smartlinkauto.vehicle.search;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ExtendedServletRequestDataBinder;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "search")
class SearchController {

    private static final String PARAMETERS = "search";

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    /**
     * The search parameters come from the query string only, by their exact names: not from headers (which
     * Spring binds to a model attribute too) and not from {@code _name} / {@code !name} form-field markers.
     */
    @InitBinder(PARAMETERS)
    void queryStringOnly(WebDataBinder binder) {
        binder.setFieldMarkerPrefix(null);
        binder.setFieldDefaultPrefix(null);
        if (binder instanceof ExtendedServletRequestDataBinder servletBinder) {
            servletBinder.setHeaderPredicate(header -> false);
        }
    }

    @GetMapping(path = "/api/vehicles", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search bookable vehicles (public)",
            description = "Only ACTIVE vehicles of VERIFIED partners; with from/to only those free for the whole "
                    + "[from, to) including their turnaround around every booking. Cached for up to 30 s; a "
                    + "change of a vehicle or a booking invalidates the searches it can affect.",
            security = {})
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SearchResult.class)))
    ResponseEntity<String> search(@ParameterObject @ModelAttribute(PARAMETERS) SearchCriteria.Raw parameters,
            BindingResult binding) {
        rejectUnreadable(binding);
        String body = search.searchJson(parameters);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /**
     * A parameter that cannot be read as its type ({@code seats=many}, {@code minPrice=1e9999999999}) is answered
     * by the shared problem advice like any such parameter: 400 {@code malformed-request} naming the first of them,
     * in the order of {@link SearchCriteria.Raw}.
     */
    private static void rejectUnreadable(BindingResult binding) {
        for (FieldError error : binding.getFieldErrors()) {
            if (error.contains(TypeMismatchException.class)) {
                throw error.unwrap(TypeMismatchException.class);
            }
        }
        if (binding.hasErrors()) {
            throw new IllegalStateException("Search parameters failed to bind: " + binding.getErrorCount() + " errors");
        }
    }
}
