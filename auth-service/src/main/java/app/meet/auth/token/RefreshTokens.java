package app.meet.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import app.meet.auth.config.AuthProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens, stored only as SHA-256 hashes, in families: one per login, whose
 * id is the session id its access tokens carry. Spending a token is one conditional
 * update, so of concurrent refreshes with the same token exactly one spends it; the
 * others, if they come within the grace period, get the same successor back (it is kept
 * sealed with a key derived from the spent token, which only its holders have). A spent
 * token presented after the grace period revokes its whole family.
 */
@Component
class RefreshTokens {

	private static final String SEALING = "AES/GCM/NoPadding";

	private static final int IV_BYTES = 12;

	private final JdbcClient jdbc;

	private final AuthProperties properties;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	RefreshTokens(JdbcClient jdbc, AuthProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/** Issues a token of the login (family) {@code familyId}. */
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
			.param("familyId", familyId)
			.param("userId", userId)
			.param("hash", hash(token))
			.param("createdAt", Timestamp.from(now))
			.param("expiresAt", Timestamp.from(now.plus(this.properties.refreshTokenTtl())))
			.update();
		return token;
	}

	/**
	 * Spends a token. A token spent by a concurrent refresh is seen once that refresh has
	 * committed: the update waits for its row lock.
	 */
	Outcome spend(String token) {
		byte[] hash = hash(token);
		Timestamp now = Timestamp.from(this.clock.instant());
		Optional<Outcome> spent = this.jdbc.sql("""
				UPDATE refresh_tokens SET spent_at = :now
				WHERE token_hash = :hash AND spent_at IS NULL AND revoked_at IS NULL AND expires_at > :now
				RETURNING user_id, family_id
				""")
			.param("now", now)
			.param("hash", hash)
			.query((row,
					index) -> (Outcome) new Outcome.Spent(row.getObject("user_id", UUID.class),
							row.getObject("family_id", UUID.class)))
			.optional();
		return spent.orElseGet(() -> alreadySpent(token, hash));
	}

	/**
	 * Keeps the successor of a token just spent, for refreshes within the grace period.
	 */
	void sealSuccessor(String spent, String successor) {
		this.jdbc.sql("UPDATE refresh_tokens SET successor_sealed = :sealed WHERE token_hash = :hash")
			.param("sealed", seal(spent, successor))
			.param("hash", hash(spent))
			.update();
	}

	/** The login (family) the token belongs to, if it is the user's. */
	Optional<UUID> familyOf(String token, UUID userId) {
		return this.jdbc.sql("SELECT family_id FROM refresh_tokens WHERE token_hash = :hash AND user_id = :userId")
			.param("hash", hash(token))
			.param("userId", userId)
			.query(UUID.class)
			.optional();
	}

	/** Revokes every token of the login. */
	void revokeFamily(UUID familyId) {
		this.jdbc.sql("UPDATE refresh_tokens SET revoked_at = :now WHERE revoked_at IS NULL AND family_id = :familyId")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("familyId", familyId)
			.update();
	}

	private Outcome alreadySpent(String token, byte[] hash) {
		Optional<StoredToken> stored = this.jdbc.sql("""
				SELECT user_id, family_id, spent_at, revoked_at, successor_sealed FROM refresh_tokens
				WHERE token_hash = :hash
				""")
			.param("hash", hash)
			.query((row, index) -> new StoredToken(row.getObject("user_id", UUID.class),
					row.getObject("family_id", UUID.class), instant(row.getTimestamp("spent_at")),
					instant(row.getTimestamp("revoked_at")), row.getBytes("successor_sealed")))
			.optional();
		if (stored.isEmpty() || stored.get().revokedAt() != null || stored.get().spentAt() == null) {
			return new Outcome.Invalid();
		}
		StoredToken spent = stored.get();
		Instant graceEnds = spent.spentAt().plus(this.properties.refreshReuseGrace());
		if (spent.successorSealed() != null && this.clock.instant().isBefore(graceEnds)) {
			return new Outcome.Replayed(spent.userId(), spent.familyId(), unseal(token, spent.successorSealed()));
		}
		revokeFamily(spent.familyId());
		return new Outcome.Reused(spent.familyId());
	}

	private byte[] seal(String spent, String successor) {
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance(SEALING);
			cipher.init(Cipher.ENCRYPT_MODE, sealingKey(spent), new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(successor.getBytes(StandardCharsets.UTF_8));
			byte[] stored = Arrays.copyOf(iv, IV_BYTES + sealed.length);
			System.arraycopy(sealed, 0, stored, IV_BYTES, sealed.length);
			return stored;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot seal a refresh token", ex);
		}
	}

	private static String unseal(String spent, byte[] stored) {
		try {
			Cipher cipher = Cipher.getInstance(SEALING);
			cipher.init(Cipher.DECRYPT_MODE, sealingKey(spent),
					new GCMParameterSpec(128, Arrays.copyOf(stored, IV_BYTES)));
			return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot unseal a refresh token", ex);
		}
	}

	/** Derived from the spent token, apart from the hash stored beside it. */
	private static SecretKeySpec sealingKey(String spent) {
		return new SecretKeySpec(hash("meet refresh successor:" + spent), "AES");
	}

	private static byte[] hash(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private record StoredToken(UUID userId, UUID familyId, Instant spentAt, Instant revokedAt, byte[] successorSealed) {
	}

	/** What presenting a refresh token came to. */
	sealed interface Outcome {

		/** Spent now: the caller issues and seals its successor. */
		record Spent(UUID userId, UUID familyId) implements Outcome {
		}

		/** Spent moments ago by a concurrent refresh: here is the same successor. */
		record Replayed(UUID userId, UUID familyId, String successor) implements Outcome {
		}

		/**
		 * Spent before the grace period: a copy is in other hands; the login is revoked.
		 */
		record Reused(UUID familyId) implements Outcome {
		}

		/** Unknown, expired or revoked. */
		record Invalid() implements Outcome {
		}

	}

}
