package com.smartlinkauto.vehicle.photo;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.smartlinkauto.testsupport.storage.InMemoryStorageServer;
import com.smartlinkauto.vehicle.VehicleTestSupport;

/**
 * ITs that store photos: an in-memory stand-in for the storage controller's internal file API (the real
 * network is covered by the controller's ITs and the e2e test), small per-vehicle and per-partner limits so
 * tests reach them quickly, and images to upload. Every subclass shares one Spring context and one stand-in.
 */
@TestPropertySource(properties = { "smartlink.vehicles.photos.max-per-vehicle=3",
        "smartlink.vehicles.quotas.unverified.max-vehicles=2", "smartlink.vehicles.quotas.unverified.max-photos=4",
        "smartlink.vehicles.quotas.unverified.max-photo-bytes=2MB", "smartlink.vehicles.quotas.verified.max-photos=5",
        "smartlink.vehicles.quotas.verified.max-photo-bytes=4MB" })
public abstract class PhotoTestSupport extends VehicleTestSupport {

    protected static final InMemoryStorageServer STORAGE = new InMemoryStorageServer().start();

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("smartlink.storage-client.base-url", STORAGE::baseUrl);
    }

    /** A PNG (by its magic number) of {@code size} bytes. */
    protected static byte[] png(int size) {
        byte[] bytes = new byte[size];
        byte[] magic = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        for (int i = magic.length; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    protected static byte[] jpeg() {
        return new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1 };
    }

    protected static byte[] webp() {
        return new byte[] { 'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ' };
    }
}
