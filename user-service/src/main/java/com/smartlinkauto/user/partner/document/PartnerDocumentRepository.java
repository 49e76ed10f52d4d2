package com.smartlinkauto.user.partner.document;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface PartnerDocumentRepository extends JpaRepository<PartnerDocument, UUID> {

    List<PartnerDocument> findByPartnerIdOrderByUploadedAtDescIdDesc(UUID partnerId);

    long countByPartnerId(UUID partnerId);

    @Query("select new com.smartlinkauto.user.partner.document.DocumentUsage(count(d), coalesce(sum(d.sizeBytes), 0L)) "
            + "from PartnerDocument d where d.partnerId = :partnerId")
    DocumentUsage usage(@Param("partnerId") UUID partnerId);

    Optional<PartnerDocument> findByIdAndPartnerId(UUID id, UUID partnerId);

    /** 1 when this call deleted the row, 0 when it was already gone. */
    @Modifying
    @Query("delete from PartnerDocument d where d.id = :id and d.partnerId = :partnerId")
    int deleteOwned(@Param("id") UUID id, @Param("partnerId") UUID partnerId);
}
