package com.smartlinkauto.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.smartlinkauto.contracts.events.booking.BookingChanged;
import com.smartlinkauto.contracts.events.booking.BookingEventTypes;
import com.smartlinkauto.contracts.events.booking.RefundRequested;
import com.smartlinkauto.contracts.events.payment.PaymentEventTypes;
import com.smartlinkauto.contracts.events.payment.PaymentFailed;
import com.smartlinkauto.contracts.events.payment.PaymentRefunded;
import com.smartlinkauto.contracts.events.payment.PaymentSucceeded;
import com.smartlinkauto.contracts.events.storage.ChunkReplicated;
import com.smartlinkauto.contracts.events.storage.FileStored;
import com.smartlinkauto.contracts.events.storage.NodeJoined;
import com.smartlinkauto.contracts.events.storage.NodeLost;
import com.smartlinkauto.contracts.events.storage.StorageEventTypes;
import com.smartlinkauto.contracts.events.user.PartnerRegistered;
import com.smartlinkauto.contracts.events.user.PartnerVerificationChanged;
import com.smartlinkauto.contracts.events.user.UserEventTypes;
import com.smartlinkauto.contracts.events.user.UserRegistered;
import com.smartlinkauto.contracts.events.vehicle.AvailabilityChanged;
import com.smartlinkauto.contracts.events.vehicle.VehicleEventTypes;
import com.smartlinkauto.contracts.events.vehicle.VehicleListed;
import com.smartlinkauto.contracts.events.vehicle.VehicleUpdated;
import com.smartlinkauto.contracts.events.vehicle.VehicleVerificationChanged;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract between producers and consumers. {@code src/test/resources/contracts/<topic>/<Type>.json}
 * holds, for every event type of every topic, an envelope as its producer emits it today (written by
 * hand from the producers). Each must still read into its payload record with the services' JSON
 * configuration (unknown fields refused), carry the values below, have every required component, and
 * write back to the same JSON. A record change that would break a consumer, or a producer, of events
 * already on the wire (a renamed, removed or retyped component) fails here; so does a type without a
 * sample, or a payload record without a contract.
 */
class EventContractsTest {

    private static final JsonMapper JSON = ServicesJson.MAPPER;
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    /** The types of every topic; a topic added to {@link Topics} must be listed here. */
    private static final Map<String, Set<String>> TYPES = Map.of(
            Topics.USER_EVENTS, UserEventTypes.ALL,
            Topics.VEHICLE_EVENTS, VehicleEventTypes.ALL,
            Topics.BOOKING_EVENTS, BookingEventTypes.PUBLISHED,
            Topics.STORAGE_EVENTS, StorageEventTypes.ALL,
            Topics.PAYMENT_EVENTS, PaymentEventTypes.ALL);

    private static final UUID USER = UUID.fromString("5f0c2a9e-7d1b-4c3a-9e8f-1a2b3c4d5e6f");
    private static final UUID ADMIN = UUID.fromString("0b7e4d2c-1f3a-4e5b-8c9d-a1b2c3d4e5f6");
    private static final UUID VEHICLE = UUID.fromString("8a1b2c3d-4e5f-4a6b-9c7d-0e1f2a3b4c5d");
    private static final UUID BOOKING = UUID.fromString("3f9a6b0c-2d3e-4f4a-8b5c-7d8e9f0a1b2c");
    private static final UUID RENTER = UUID.fromString("4a0b7c1d-3e4f-4a5b-9c6d-8e9f0a1b2c3d");
    private static final UUID FILE = UUID.fromString("0a6b3c7d-9e0f-4a1b-9c2d-4e5f6a7b8c9d");
    private static final UUID PAYMENT = UUID.fromString("6d7e8f9a-0b1c-4d2e-8f3a-4b5c6d7e8f9a");
    private static final String NODE = "node-3fa2b1c4";
    private static final String CHUNK = "2c624232cdd221771294dfbb310aca000a0df6ac8b66b696d90ef06fdefb64a3";

    /** The payload each sample carries, keyed {@code <topic>/<Type>}. */
    private static final Map<String, Object> EXPECTED = expected();

    private static Map<String, Object> expected() {
        Map<String, Object> expected = new LinkedHashMap<>();
        Instant registered = Instant.parse("2026-12-01T09:15:30.120001Z");
        expected.put(key(Topics.USER_EVENTS, UserEventTypes.USER_REGISTERED), new UserRegistered(USER,
                "pat.partner@example.com", "Pat", "Partner", List.of("PARTNER"), registered));
        expected.put(key(Topics.USER_EVENTS, UserEventTypes.PARTNER_REGISTERED), new PartnerRegistered(USER,
                "pat.partner@example.com", "Pat", "Partner", "PENDING", registered));
        expected.put(key(Topics.USER_EVENTS, UserEventTypes.PARTNER_VERIFICATION_CHANGED),
                new PartnerVerificationChanged(USER, "PENDING", "REJECTED", "Blurred licence photo", ADMIN,
                        Instant.parse("2026-12-02T14:02:11.498Z")));

        expected.put(key(Topics.VEHICLE_EVENTS, VehicleEventTypes.VEHICLE_LISTED), new VehicleListed(VEHICLE, USER,
                "Skoda", "Octavia Combi", 2022, "Prague", "CZ", new BigDecimal("49.90"), "EUR", 5, 60,
                "PENDING_REVIEW", Instant.parse("2026-12-03T08:00:00.248Z")));
        expected.put(key(Topics.VEHICLE_EVENTS, VehicleEventTypes.VEHICLE_UPDATED), new VehicleUpdated(VEHICLE, USER,
                List.of("basePricePerDay", "turnaroundMinutes"), new BigDecimal("52.00"), "EUR", 90, "Prague", "CZ",
                "ACTIVE", Instant.parse("2026-12-03T10:30:00.097Z")));
        expected.put(key(Topics.VEHICLE_EVENTS, VehicleEventTypes.VEHICLE_VERIFICATION_CHANGED),
                new VehicleVerificationChanged(VEHICLE, USER, "PENDING_REVIEW", "ACTIVE", null, ADMIN,
                        Instant.parse("2026-12-03T09:00:00Z")));
        expected.put(key(Topics.VEHICLE_EVENTS, VehicleEventTypes.AVAILABILITY_CHANGED), new AvailabilityChanged(
                VEHICLE, UUID.fromString("2e8f5a9b-1c2d-4e3f-9a4b-6c7d8e9f0a1b"), "BLACKOUT_ADDED",
                Instant.parse("2026-12-24T00:00:00Z"), Instant.parse("2026-12-27T00:00:00Z"),
                Instant.parse("2026-12-03T11:00:00.398Z")));

        expected.put(key(Topics.BOOKING_EVENTS, BookingEventTypes.BOOKING_HELD), booking("HELD",
                Instant.parse("2026-12-04T12:10:00Z"), null, 1, "2026-12-04T12:00:00.008Z"));
        expected.put(key(Topics.BOOKING_EVENTS, BookingEventTypes.BOOKING_CONFIRMED), booking("CONFIRMED", null, null,
                2, "2026-12-04T12:03:00.018Z"));
        expected.put(key(Topics.BOOKING_EVENTS, BookingEventTypes.BOOKING_CANCELLED), booking("CANCELLED", null,
                "renter cancelled", 3, "2026-12-05T08:00:00.028Z"));
        expected.put(key(Topics.BOOKING_EVENTS, BookingEventTypes.BOOKING_EXPIRED), booking("EXPIRED", null, null, 2,
                "2026-12-04T12:10:00.038Z"));
        expected.put(key(Topics.BOOKING_EVENTS, BookingEventTypes.BOOKING_COMPLETED), booking("COMPLETED", null, null,
                4, "2026-12-13T09:05:00.048Z"));
        expected.put(key(Topics.BOOKING_EVENTS, BookingEventTypes.REFUND_REQUESTED), new RefundRequested(BOOKING,
                VEHICLE, RENTER, "pi_3QxYlate", new BigDecimal("149.70"), "EUR", RefundRequested.SLOT_TAKEN, "EXPIRED",
                Instant.parse("2026-12-04T12:14:00.058Z")));

        expected.put(key(Topics.PAYMENT_EVENTS, PaymentEventTypes.PAYMENT_SUCCEEDED), new PaymentSucceeded(PAYMENT,
                BOOKING, RENTER, USER, VEHICLE, new BigDecimal("149.70"), "EUR", "stripe", "pi_3QxYpaid",
                Instant.parse("2026-12-04T12:02:59.981Z")));
        expected.put(key(Topics.PAYMENT_EVENTS, PaymentEventTypes.PAYMENT_FAILED), new PaymentFailed(PAYMENT, BOOKING,
                RENTER, USER, new BigDecimal("45000"), "XAF", "card_declined", "Your card was declined.",
                Instant.parse("2026-12-04T12:01:59.990Z")));
        expected.put(key(Topics.PAYMENT_EVENTS, PaymentEventTypes.PAYMENT_REFUNDED), new PaymentRefunded(
                UUID.fromString("7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b"), PAYMENT, BOOKING, RENTER, USER, VEHICLE,
                new BigDecimal("74.85"), "EUR", new BigDecimal("74.85"), PaymentRefunded.CANCELLATION,
                Instant.parse("2026-12-05T08:00:00.998Z")));

        expected.put(key(Topics.STORAGE_EVENTS, StorageEventTypes.FILE_STORED), new FileStored(FILE,
                "octavia-front.jpg", "image/jpeg", 5_242_880, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                4_194_304, 2, 3, 2, USER.toString(), Instant.parse("2026-12-03T12:00:00.598Z")));
        expected.put(key(Topics.STORAGE_EVENTS, StorageEventTypes.NODE_JOINED), new NodeJoined(NODE, "a",
                "http://storage-node-1:9101", 10_737_418_240L, 1000, false, Instant.parse("2026-12-03T07:00:00.698Z")));
        expected.put(key(Topics.STORAGE_EVENTS, StorageEventTypes.NODE_LOST), new NodeLost(NODE, "a",
                Instant.parse("2026-12-03T13:00:00.500Z"), 42, Instant.parse("2026-12-03T13:00:30.798Z")));
        expected.put(key(Topics.STORAGE_EVENTS, StorageEventTypes.CHUNK_REPLICATED), new ChunkReplicated(CHUNK,
                4_194_304, "node-7b8c9d0e", "node-1f2a3b4c", "REPAIR", 3, 3,
                Instant.parse("2026-12-03T13:01:00.898Z")));
        return expected;
    }

    private static BookingChanged booking(String status, Instant expiresAt, String reason, long sequence,
            String changedAt) {
        return new BookingChanged(BOOKING, VEHICLE, RENTER, USER, status, Instant.parse("2026-12-10T09:00:00Z"),
                Instant.parse("2026-12-13T09:00:00Z"), expiresAt, new BigDecimal("149.70"), "EUR", reason, sequence,
                Instant.parse(changedAt));
    }

    private static String key(String topic, String type) {
        return topic + "/" + type;
    }

    /** Every {@code <topic>/<Type>} the *EventTypes classes name. */
    static Stream<String> types() {
        return TYPES.entrySet().stream().flatMap(topic -> topic.getValue().stream().map(type -> key(topic.getKey(), type)))
                .sorted();
    }

    @Test
    void everyTopicAndEveryTypeHasAContract() {
        assertThat(TYPES.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(types().toList());
    }

    @Test
    void thereIsNoSampleOfATypeNoOneDeclares() throws IOException, URISyntaxException {
        Path contracts = Path.of(EventContractsTest.class.getResource("/contracts").toURI());
        try (Stream<Path> files = Files.walk(contracts)) {
            Set<String> samples = files.filter(Files::isRegularFile)
                    .map(file -> contracts.relativize(file).toString().replace('\\', '/').replaceFirst("\\.json$", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(samples).containsExactlyInAnyOrderElementsOf(types().toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void theSampleStillReadsIntoItsRecordWithItsValues(String contract) {
        String type = contract.substring(contract.indexOf('/') + 1);
        Object expected = EXPECTED.get(contract);
        assertThat(expected).as("the payload expected from contracts/%s.json", contract).isNotNull();
        String sample = sample(contract);

        EventEnvelope<?> envelope = JSON.readValue(sample,
                JSON.getTypeFactory().constructParametricType(EventEnvelope.class, expected.getClass()));

        assertThat(envelope.type()).isEqualTo(type);
        assertThat(envelope.version()).isEqualTo(1);
        assertThat(envelope.payload()).isEqualTo(expected);
        assertThat(VALIDATOR.validate(envelope.payload())).as("required components of %s", contract).isEmpty();
        // and the record writes what the producer writes today: the same names, formats and values
        JsonNode written = JSON.readTree(JSON.writeValueAsString(envelope));
        assertThat(written).isEqualTo(JSON.readTree(sample));
    }

    @Test
    void everyPayloadRecordRoundTrips() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<Class<?>> withContract = EXPECTED.values().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(withContract).as("every payload record has a contract").containsAll(payloadRecords());
        for (Object payload : EXPECTED.values()) {
            assertThat(JSON.readValue(JSON.writeValueAsString(payload), payload.getClass())).isEqualTo(payload);
        }
    }

    /** The records of this module other than the envelope: the payloads. */
    private static Set<Class<?>> payloadRecords() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(EventEnvelope.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<Class<?>> records = new HashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replace('\\', '.')
                        .replaceFirst("\\.class$", "");
                Class<?> type = Class.forName(name);
                if (type.isRecord() && type != EventEnvelope.class) {
                    records.add(type);
                }
            }
        }
        assertThat(records).isNotEmpty();
        return records;
    }

    private static String sample(String contract) {
        try (InputStream in = EventContractsTest.class.getResourceAsStream("/contracts/" + contract + ".json")) {
            assertThat(in).as("sample contracts/%s.json", contract).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
