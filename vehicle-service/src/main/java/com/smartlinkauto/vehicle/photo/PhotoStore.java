package com.smartlinkauto.vehicle.photo;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PhotoStore {

    private static final RowMapper<Photo> ROWS = (rs, n) -> new Photo(rs.getObject("id", UUID.class),
            rs.getObject("vehicle_id", UUID.class), rs.getObject("file_id", UUID.class), rs.getString("content_type"),
            rs.getLong("size_bytes"), rs.getString("sha256"), rs.getInt("position"),
            rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;

    PhotoStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int count(UUID vehicleId) {
        return jdbc.sql("select count(*) from vehicle_photos where vehicle_id = ?").param(vehicleId)
                .query(Integer.class).single();
    }

    /** Appends the photo after the vehicle's last one. */
    void insert(Photo photo) {
        jdbc.sql("insert into vehicle_photos (id, vehicle_id, file_id, content_type, size_bytes, sha256, position, "
                + "created_at) values (:id, :vehicle, :file, :type, :size, :sha, "
                + "(select coalesce(max(position), 0) + 1 from vehicle_photos where vehicle_id = :vehicle), :at)")
                .param("id", photo.id()).param("vehicle", photo.vehicleId()).param("file", photo.fileId())
                .param("type", photo.contentType()).param("size", photo.size()).param("sha", photo.sha256())
                .param("at", Timestamp.from(photo.createdAt()))
                .update();
    }

    Optional<Photo> find(UUID vehicleId, UUID photoId) {
        return jdbc.sql("select id, vehicle_id, file_id, content_type, size_bytes, sha256, position, created_at "
                + "from vehicle_photos where vehicle_id = ? and id = ?")
                .params(vehicleId, photoId).query(ROWS).optional();
    }

    void delete(UUID photoId) {
        jdbc.sql("delete from vehicle_photos where id = ?").param(photoId).update();
    }
}
