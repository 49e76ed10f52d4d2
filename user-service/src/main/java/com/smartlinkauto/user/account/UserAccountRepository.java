package com.smartlinkauto.user.account;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;


public interface UserAccountRepository extends JpaRepository<UserAccount, UUID> {

    @Query("select u from UserAccount u where lower(u.email) = lower(:email)")
    Optional<UserAccount> findByEmail(@Param("email") String email);

    @Query("select count(u) > 0 from UserAccount u where lower(u.email) = lower(:email)")
    boolean existsByEmail(@Param("email") String email);

    Page<UserAccount> findByVerificationStatus(VerificationStatus status, Pageable pageable);

    /**
     * Case-insensitive substring search over email and names. {@code pattern} is a LIKE pattern built by
     * {@link Search#containsPattern(String)}: the user's text is bound as a parameter with its wildcards
     * escaped, so it is always data.
     */
    @Query(value = """
            select u from UserAccount u
            where lower(u.email) like :pattern escape '\\'
               or lower(u.firstName) like :pattern escape '\\'
               or lower(u.lastName) like :pattern escape '\\'
            """)
    Page<UserAccount> search(@Param("pattern") String pattern, Pageable pageable);
}
