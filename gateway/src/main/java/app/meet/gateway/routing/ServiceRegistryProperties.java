package app.meet.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where each service's instances listen, for example
 * {@code CHAT_SERVICE_URLS=http://10.0.0.5:8083,http://10.0.0.6:8083}. Routes name
 * services as {@code lb://chat-service}; requests are balanced over the instances that
 * are ready.
 *
 * @param services instance base URLs by service name
 */
@ConfigurationProperties("meet.gateway")
@Validated
public record ServiceRegistryProperties(@NotEmpty Map<String, List<URI>> services) {

}
