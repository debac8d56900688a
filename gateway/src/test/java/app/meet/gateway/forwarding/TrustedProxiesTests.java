package app.meet.gateway.forwarding;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class TrustedProxiesTests {

	private final TrustedProxies ingress = new TrustedProxies(
			List.of(AddressRange.of("10.0.0.0/8"), AddressRange.of("2001:db8::/32")));

	@Test
	void withNoTrustedProxyTheConnectionsAddressIsTheClientWhateverItClaims() {
		TrustedProxies none = new TrustedProxies(List.of());

		assertThat(none.clientAddress(request("10.1.2.3", "198.51.100.7"))).isEqualTo("10.1.2.3");
	}

	@Test
	void aRequestFromAnUntrustedAddressIsKnownByThatAddress() {
		assertThat(this.ingress.clientAddress(request("203.0.113.9", "198.51.100.7"))).isEqualTo("203.0.113.9");
	}

	@Test
	void throughATrustedProxyTheClientIsTheRightmostAddressNoProxyAdded() {
		assertThat(this.ingress.clientAddress(request("10.1.2.3", "192.0.2.66, 198.51.100.7")))
			.as("the left one is what the client sent, the right one what the proxy saw")
			.isEqualTo("198.51.100.7");
		assertThat(this.ingress.clientAddress(request("10.1.2.3", "198.51.100.7, 10.9.9.9")))
			.as("through two trusted hops")
			.isEqualTo("198.51.100.7");
		assertThat(this.ingress.clientAddress(request("10.1.2.3", "198.51.100.7", "10.9.9.9")))
			.as("the header given twice")
			.isEqualTo("198.51.100.7");
	}

	@Test
	void whatIsNotAnAddressIsNeverTakenForOne() {
		assertThat(this.ingress.clientAddress(request("10.1.2.3", "evil.example.com"))).isEqualTo("10.1.2.3");
		assertThat(this.ingress.clientAddress(request("10.1.2.3", "198.51.100.7, unknown, 10.9.9.9")))
			.isEqualTo("10.9.9.9");
		assertThat(this.ingress.clientAddress(request("10.1.2.3"))).isEqualTo("10.1.2.3");
	}

	@Test
	void ipv6ProxiesAndClientsAreNamedAlike() {
		assertThat(this.ingress.clientAddress(request("2001:db8::1", "[2001:db8:ffff::2], 2a00:1450::7")))
			.isEqualTo("2a00:1450:0:0:0:0:0:7");
	}

	@Test
	void rangesMatchOnTheirPrefixBitsOnly() {
		AddressRange range = AddressRange.of("192.168.4.0/22");

		assertThat(range.contains(AddressRange.of("192.168.7.255").network())).isTrue();
		assertThat(range.contains(AddressRange.of("192.168.8.0").network())).isFalse();
		assertThat(range.contains(AddressRange.of("::ffff:1").network())).isFalse();
	}

	@Test
	void theSettingIsACommaSeparatedListAndEmptyByDefault() {
		assertThat(bind("10.0.0.0/8, 2001:db8::/32").trustedProxies()).hasSize(2);
		assertThat(bind("").trustedProxies()).isEmpty();
	}

	private static TrustedProxies bind(String value) {
		return new Binder(new MapConfigurationPropertySource(Map.of("meet.gateway.forwarding.trusted-proxies", value)))
			.bindOrCreate("meet.gateway.forwarding", TrustedProxies.class);
	}

	private static MockServerHttpRequest request(String remote, String... forwardedFor) {
		return MockServerHttpRequest.get("/api/auth/me")
			.remoteAddress(new InetSocketAddress(AddressRange.of(remote).network(), 40000))
			.header(TrustedProxies.X_FORWARDED_FOR, forwardedFor)
			.build();
	}

}
