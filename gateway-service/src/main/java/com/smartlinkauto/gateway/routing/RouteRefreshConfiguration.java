package com.smartlinkauto.gateway.routing;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.context.scope.refresh.RefreshScopeRefreshedEvent;
import org.springframework.cloud.gateway.event.RefreshRoutesEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When the gateway rebuilds its routes. Spring Cloud Gateway's own {@code RouteRefreshListener}
 * rebuilds every route (predicates, filters, the rate limiter's and circuit breakers' configuration)
 * on each discovery {@code HeartbeatEvent} -- with Eureka that is every registry fetch, every 5 s
 * here, and a profile of the gateway under load found ~7 % of its samples in those rebuilds. Our
 * routes are static ({@code config-repo/gateway-service.yml}, {@code lb://} URIs): which instances
 * serve a service is the load balancer's business, read from discovery on its own, so a heartbeat
 * never changes a route. config-repo sets
 * {@code spring.cloud.gateway.server.webflux.route-refresh-listener.enabled=false}; routes are then
 * rebuilt when the configuration really changed (a refresh of the environment: {@code /actuator/refresh}
 * or Spring Cloud Bus) -- this listener -- and when something publishes {@link RefreshRoutesEvent}
 * itself ({@code /actuator/gateway/refresh}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.cloud.gateway.server.webflux.route-refresh-listener.enabled",
        havingValue = "false")
class RouteRefreshConfiguration {

    @Bean
    ApplicationListener<RefreshScopeRefreshedEvent> routesFollowConfigurationRefreshes(
            ApplicationEventPublisher events) {
        return event -> events.publishEvent(new RefreshRoutesEvent(event));
    }
}
