package app.meet.auth.token;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import app.meet.auth.config.AuthProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeySealTests {

	private static final byte[] PRIVATE_KEY = "a private key's PKCS#8 bytes".getBytes(StandardCharsets.UTF_8);

	private final SigningKeySeal seal = seal(key((byte) 1));

	@Test
	void aSealedKeyOpensAgainAndDoesNotShowItsBytes() {
		byte[] sealed = this.seal.seal("kid-1", PRIVATE_KEY);

		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("private key");
		assertThat(this.seal.open("kid-1", sealed)).isEqualTo(PRIVATE_KEY);
		assertThat(this.seal.seal("kid-1", PRIVATE_KEY)).as("a fresh nonce each time").isNotEqualTo(sealed);
	}

	@Test
	void aSealedKeyDoesNotOpenUnderAnotherIdOrWithAnotherKey() {
		byte[] sealed = this.seal.seal("kid-1", PRIVATE_KEY);

		assertThatIllegalStateException().isThrownBy(() -> this.seal.open("kid-2", sealed))
			.withMessageContaining("another AUTH_KEY_ENCRYPTION_KEY");
		assertThatIllegalStateException().isThrownBy(() -> seal(key((byte) 2)).open("kid-1", sealed))
			.withMessageContaining("another AUTH_KEY_ENCRYPTION_KEY");
	}

	@Test
	void aKeyThatIsNot32BytesOfBase64IsRefusedNamingTheSetting() {
		assertThatIllegalStateException().isThrownBy(() -> seal("not base64 at all"))
			.withMessageContaining("AUTH_KEY_ENCRYPTION_KEY");
		assertThatIllegalStateException().isThrownBy(() -> seal(Base64.getEncoder().encodeToString(new byte[16])))
			.withMessageContaining("32 random bytes");
	}

	private static String key(byte fill) {
		byte[] key = new byte[32];
		Arrays.fill(key, fill);
		return Base64.getEncoder().encodeToString(key);
	}

	private static SigningKeySeal seal(String key) {
		return new SigningKeySeal(new AuthProperties(Duration.ofMinutes(15), Duration.ofDays(7), Duration.ofSeconds(10),
				Duration.ofDays(30), Duration.ofMinutes(2), 5, 20, Duration.ofMinutes(15), Duration.ofMinutes(1),
				"avatars", key));
	}

}
