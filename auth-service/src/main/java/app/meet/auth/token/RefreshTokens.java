package app.meet.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import app.meet.auth.config.AuthProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens, stored only as SHA-256 hashes. Spending a token is one
 * conditional update, so of two concurrent refreshes with the same token exactly one
 * wins; presenting a token that was already spent revokes its whole family (every token
 * of that login).
 */
@Component
class RefreshTokens {

	private final JdbcClient jdbc;

	private final AuthProperties properties;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	RefreshTokens(JdbcClient jdbc, AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/** Issues a token of the given family (a new login when {@code familyId} is null). */
	String issue(UUID userId, UUID familyId) {
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at)
				VALUES (:id, :familyId, :userId, :hash, :createdAt, :expiresAt)
				""")
			.param("id", UUID.randomUUID())
			.param("familyId", (familyId != null) ? familyId : UUID.randomUUID())
			.param("userId", userId)
			.param("hash", hash(token))
			.param("createdAt", Timestamp.from(now))
			.param("expiresAt", Timestamp.from(now.plus(this.properties.refreshTokenTtl())))
			.update();
		return token;
	}

	/**
	 * Spends a token: the caller issues the next one of the same family.
	 * @return the owner and the family, or empty if the token cannot be used (a spent one
	 * revokes its family first)
	 */
	Optional<Spent> spend(String token) {
		byte[] hash = hash(token);
		Timestamp now = Timestamp.from(this.clock.instant());
		Optional<Spent> spent = this.jdbc.sql("""
				UPDATE refresh_tokens SET spent_at = :now
				WHERE token_hash = :hash AND spent_at IS NULL AND revoked_at IS NULL AND expires_at > :now
				RETURNING user_id, family_id
				""")
			.param("now", now)
			.param("hash", hash)
			.query((row, index) -> new Spent(row.getObject("user_id", UUID.class),
					row.getObject("family_id", UUID.class)))
			.optional();
		if (spent.isEmpty()) {
			revokeFamilyIfSpent(hash, now);
		}
		return spent;
	}

	/** Revokes every token of the family the given token belongs to. */
	void revokeFamilyOf(String token) {
		this.jdbc.sql("""
				UPDATE refresh_tokens SET revoked_at = :now
				WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = :hash)
				""").param("now", Timestamp.from(this.clock.instant())).param("hash", hash(token)).update();
	}

	private void revokeFamilyIfSpent(byte[] hash, Timestamp now) {
		this.jdbc.sql("""
				UPDATE refresh_tokens SET revoked_at = :now
				WHERE revoked_at IS NULL AND family_id =
					(SELECT family_id FROM refresh_tokens WHERE token_hash = :hash AND spent_at IS NOT NULL)
				""").param("now", now).param("hash", hash).update();
	}

	private static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Spent(UUID userId, UUID familyId) {
	}

}
