package com.smartlinkauto.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The original design's claim was "1,000 concurrent partner registrations, over 90% succeed". Ours:
 * 1,000 partners sign up at once through the gateway, with the rate limits that ship by default, and
 * every one gets a 201. The partners are distinct clients: virtual users spread over
 * {@code smartlink.load.client-addresses} loopback source addresses (Linux routes all of 127.0.0.0/8
 * to lo), so the per-client limit applies to each as it would to people on their own devices.
 */
public class PartnerRegistrationSimulation extends Simulation {

    static final String GATEWAY = System.getProperty("smartlink.gateway.url", "http://127.0.0.1:8080");
    static final int PARTNERS = Integer.getInteger("smartlink.load.partners", 1000);
    static final int ADDRESSES = Integer.getInteger("smartlink.load.client-addresses", 250);

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final AtomicLong SEQUENCE = new AtomicLong();

    HttpProtocolBuilder protocol = http.baseUrl(GATEWAY)
            .contentTypeHeader("application/json")
            .acceptHeader("application/json")
            .localAddresses(addresses())
            .shareConnections()
            .disableWarmUp();

    ScenarioBuilder signUp = scenario("partner sign-up")
            .exec(session -> session.set("n", SEQUENCE.incrementAndGet()))
            .exec(http("POST /api/partners")
                    .post("/api/partners")
                    .body(StringBody("""
                            {"email":"load-%s-#{n}@partners.example","password":"Rental-Fleet-#{n}-%s",
                             "firstName":"Load","lastName":"Partner #{n}","phoneNumber":"+4915100#{n}"}"""
                            .formatted(RUN, RUN)))
                    .check(status().is(201))
                    .check(jsonPath("$.id").exists()));

    {
        setUp(signUp.injectOpen(atOnceUsers(PARTNERS)))
                .protocols(protocol)
                .assertions(global().successfulRequests().percent().is(100.0),
                        global().allRequests().count().is((long) PARTNERS));
    }

    static List<String> addresses() {
        return IntStream.rangeClosed(2, ADDRESSES + 1)
                .mapToObj(i -> "127.0." + (i / 256) + "." + (i % 256))
                .filter(address -> !address.endsWith(".0") && !address.endsWith(".255"))
                .toList();
    }
}
