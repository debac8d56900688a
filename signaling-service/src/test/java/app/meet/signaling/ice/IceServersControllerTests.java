package app.meet.signaling.ice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IceServersControllerTests {

	@Test
	void turnCredentialsAreTheBase64HmacSha1OfTheUsernameWithTheSharedSecret() {
		// the TURN REST form a TURN server (coturn's use-auth-secret) checks; the
		// expected
		// value was computed independently (Python's hmac module)
		assertThat(IceServersController.credential("1764000000:alice", "north"))
			.isEqualTo("9LAwaPnprPABVShse3H8XaVS8kE=");
	}

}
