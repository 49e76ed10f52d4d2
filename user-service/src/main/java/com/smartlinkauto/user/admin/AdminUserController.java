package com.smartlinkauto.user.admin;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.servicedefaults.validation.CleanText;
import com.smartlinkauto.user.account.Search;
import com.smartlinkauto.user.account.UserAccountRepository;
import com.smartlinkauto.user.account.UserResponse;
import com.smartlinkauto.user.web.PageResponse;
import com.smartlinkauto.user.web.Paging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Tag(name = "Admin")
class AdminUserController {

    private final UserAccountRepository users;

    AdminUserController(UserAccountRepository users) {
        this.users = users;
    }

    @GetMapping("/api/admin/users")
    @Transactional(readOnly = true)
    @Operation(summary = "Accounts whose email or name contains the query (case-insensitive), newest first")
    PageResponse<UserResponse> search(@Parameter(description = "at most 100 characters, no control characters")
            @RequestParam(defaultValue = "") @CleanText(max = 100, lowerCased = true) String query,
            @RequestParam(defaultValue = "0") @Min(0) @Max(Paging.MAX_PAGE) int page,
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
        return PageResponse.of(users.search(Search.containsPattern(query), request), UserResponse::of);
    }
}
