package app.meet.gateway.forwarding;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway as a client of auth-service's token endpoint.
 *
 * @param id its client id
 * @param secret its secret ({@code GATEWAY_SECRET}; no default outside the development
 * profile)
 */
@ConfigurationProperties("meet.gateway.client")
@Validated
public record GatewayClientProperties(@DefaultValue("gateway") @NotBlank String id,
		@NotNull @Size(min = 16) String secret) {

}
